# One vcflow JSON record -> one JSONEachRow row of its table in schema.sql
# (used by load.sh; jq 1.6 or later).  See schema.sql for the rules.

def microseconds:
  ((capture("\\.(?<f>[0-9]+)Z$") | .f) // "") + "000000" | .[0:6] | tonumber;

def is_time:
  type == "string" and
  test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$");

def bit: if type == "boolean" then (if . then 1 else 0 end) else . end;

def renamed: {"table": "source_table", "end": "end_reason"}[.] // .;

# The columns one field becomes; expected_by, media and messages are JSON
# text even when empty (an empty array says nothing of its elements).
def columns($name):
  if type == "object" then
    . as $o
    | reduce ($o | keys_unsorted[]) as $k ({}; . + ($o[$k] | columns($name + "_" + $k)))
  elif type == "array" then
    if any(.[]; type == "object" or type == "array") or
       (["expected_by", "media", "messages"] | index([$name])) then
      {($name): tojson}
    else {($name): map(bit)} end
  elif is_time then
    {($name): (.[0:10] + " " + .[11:19]), ($name + "_us"): microseconds}
  else
    {($name): bit}
  end;

def row:
  . as $r
  | reduce ($r | keys_unsorted[] | select(. != "type")) as $k
      ({}; . + ($r[$k] | columns($k | renamed)));
