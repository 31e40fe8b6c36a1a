/* \summary: signature files: the vendors' port tables, loaded and matched */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "vcflow/sig.h"

#define SIG_LINE_MAX 4096
#define SIG_RULE_FIELDS 6 /* spec, app, protocol, function, direction, blocking */

/* Every string a set holds lives in its pool and dies with it.  Vendor
 * and product names are interned: one pointer for each distinct name, so
 * that labels compare names by pointer. */
struct sig_pool {
	void **blocks;
	size_t n, cap;
	const char **names; /* open addressing; cap_names a power of two */
	size_t n_names, cap_names;
};

static void *pool_keep(struct sig_pool *p, void *block)
{
	if (!block)
		return NULL;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		void **b = realloc(p->blocks, cap * sizeof *b);
		if (!b) {
			free(block);
			return NULL;
		}
		p->blocks = b;
		p->cap = cap;
	}
	p->blocks[p->n++] = block;
	return block;
}

static const char *pool_str(struct sig_pool *p, const char *s)
{
	return pool_keep(p, strdup(s));
}

static size_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static const char **name_slot(const char **names, size_t cap, const char *s)
{
	size_t i = name_hash(s) & (cap - 1);

	while (names[i] && strcmp(names[i], s) != 0)
		i = (i + 1) & (cap - 1);
	return &names[i];
}

/* The pooled copy of s, the same pointer for the same text. */
static const char *pool_intern(struct sig_pool *p, const char *s)
{
	if ((p->n_names + 1) * 2 > p->cap_names) {
		size_t cap = p->cap_names ? 2 * p->cap_names : 256;
		const char **names = calloc(cap, sizeof *names);
		if (!names)
			return NULL;
		for (size_t i = 0; i < p->cap_names; i++)
			if (p->names[i])
				*name_slot(names, cap, p->names[i]) = p->names[i];
		free(p->names);
		p->names = names;
		p->cap_names = cap;
	}
	const char **slot = name_slot(p->names, p->cap_names, s);
	if (!*slot && (*slot = pool_str(p, s)))
		p->n_names++;
	return *slot;
}

/* Ranges narrower than this are listed under each of their ports; wider
 * ones (catch-alls, "any") are looked at for every flow. */
#define SIG_INDEX_NARROW 1024
#define SIG_PORTS 65536

/* An address range, as two 64-bit halves of the 128-bit form. */
struct net_range {
	uint64_t lo[2], hi[2];
};

struct sig_index {
	uint32_t *start; /* SIG_PORTS + 1 offsets into `narrow` */
	uint32_t *narrow;
	uint32_t *wide;
	size_t n_wide;
	/* Every rule's subnet, merged and in order: an address outside all
	 * of them matches no rule by its subnet. */
	struct net_range *nets;
	size_t n_nets;
};

static void index_free(struct sig_index *x)
{
	if (!x)
		return;
	free(x->start);
	free(x->narrow);
	free(x->wide);
	free(x->nets);
	free(x);
}

void sig_set_init(struct sig_set *set)
{
	memset(set, 0, sizeof *set);
}

void sig_set_free(struct sig_set *set)
{
	if (set->pool) {
		for (size_t i = 0; i < set->pool->n; i++)
			free(set->pool->blocks[i]);
		free(set->pool->blocks);
		free(set->pool->names);
		free(set->pool);
	}
	free(set->rules);
	free(set->uas);
	index_free(set->index);
	memset(set, 0, sizeof *set);
}

/* ---- the parser ---- */

struct sig_parser {
	struct sig_set *set;
	const char *file; /* pooled */
	unsigned line;
	enum sig_class class;
	const char *doc, *title, *table, *vendor;
	const char *const *products;
	char *err;
	size_t errlen;
};

static int fail(struct sig_parser *ps, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(ps->err, ps->errlen, "%s:%u: ", ps->file, ps->line);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < ps->errlen)
		vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Splits s at '|' into trimmed fields, storing at most max; returns how
 * many there are. */
static size_t split_fields(char *s, char **f, size_t max)
{
	size_t n = 0;

	for (;;) {
		char *bar = strchr(s, '|');
		if (bar)
			*bar = '\0';
		if (n < max)
			f[n] = trim(s);
		n++;
		if (!bar)
			return n;
		s = bar + 1;
	}
}

static bool parse_port(const char *s, uint16_t *port)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < 0 || v > 65535)
		return false;
	*port = (uint16_t)v;
	return true;
}

static bool parse_ports(const char *s, struct sig_rule *r)
{
	char buf[32];
	char *dash;

	if (strcmp(s, "any") == 0) {
		r->port_lo = 0;
		r->port_hi = 65535;
		return true;
	}
	if (strlen(s) >= sizeof buf)
		return false;
	strcpy(buf, s);
	dash = strchr(buf, '-');
	if (!dash)
		return parse_port(buf, &r->port_lo) &&
		       parse_port(buf, &r->port_hi);
	*dash = '\0';
	return parse_port(buf, &r->port_lo) &&
	       parse_port(dash + 1, &r->port_hi) && r->port_lo <= r->port_hi;
}

static bool parse_transport(const char *s, unsigned *t)
{
	static const struct {
		const char *name;
		unsigned bits;
	} names[] = {
		{ "tcp", SIG_T_TCP },	  { "udp", SIG_T_UDP },
		{ "tcp/udp", SIG_T_TCP | SIG_T_UDP },
		{ "icmp", SIG_T_ICMP },	  { "icmpv6", SIG_T_ICMP6 },
		{ "any", SIG_T_ANY },
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		if (strcmp(s, names[i].name) == 0) {
			*t = names[i].bits;
			return true;
		}
	}
	return false;
}

static bool rule_is_ports_any(const struct sig_rule *r)
{
	return r->port_lo == 0 && r->port_hi == 65535;
}

/* "TRANSPORT PORTS [even|odd] [catchall] [net CIDR]" */
static int parse_spec(struct sig_parser *ps, char *spec, struct sig_rule *r)
{
	char *save = NULL;
	char *tok = strtok_r(spec, " \t", &save);

	if (!tok || !parse_transport(tok, &r->transports))
		return fail(ps, "unknown transport '%s' (tcp, udp, tcp/udp, "
				"icmp, icmpv6 or any)",
			    tok ? tok : "");
	tok = strtok_r(NULL, " \t", &save);
	if (!tok || !parse_ports(tok, r))
		return fail(ps, "bad port '%s' (N, N-M with N <= M <= 65535, "
				"or any)",
			    tok ? tok : "");
	while ((tok = strtok_r(NULL, " \t", &save)) != NULL) {
		if (strcmp(tok, "even") == 0 || strcmp(tok, "odd") == 0) {
			if (r->parity != SIG_PARITY_ANY)
				return fail(ps, "parity given twice");
			r->parity = tok[0] == 'e' ? SIG_PARITY_EVEN
						  : SIG_PARITY_ODD;
		} else if (strcmp(tok, "catchall") == 0) {
			r->catchall = true;
		} else if (strcmp(tok, "net") == 0) {
			tok = strtok_r(NULL, " \t", &save);
			if (!tok || !cidr_parse(tok, &r->net))
				return fail(ps, "bad subnet '%s' after 'net'",
					    tok ? tok : "");
			r->has_net = true;
		} else {
			return fail(ps, "unknown rule flag '%s' (even, odd, "
					"catchall or net CIDR)",
				    tok);
		}
	}
	if ((unsigned)(r->port_hi - r->port_lo) + 1 >= SIG_CATCHALL_WIDTH &&
	    !rule_is_ports_any(r))
		r->catchall = true;
	return 0;
}

static int add_rule(struct sig_parser *ps, struct sig_rule *r)
{
	struct sig_set *s = ps->set;

	if (s->n_rules == s->cap_rules) {
		size_t cap = s->cap_rules ? 2 * s->cap_rules : 256;
		struct sig_rule *v = realloc(s->rules, cap * sizeof *v);
		if (!v)
			return fail(ps, "out of memory");
		s->rules = v;
		s->cap_rules = cap;
	}
	s->rules[s->n_rules++] = *r;
	return 0;
}

static bool is_direction(const char *s)
{
	return !strcmp(s, "in") || !strcmp(s, "out") || !strcmp(s, "both") ||
	       !strcmp(s, "-");
}

static int parse_rule(struct sig_parser *ps, char *rest)
{
	char *f[SIG_RULE_FIELDS];
	struct sig_rule r;
	size_t n = split_fields(rest, f, SIG_RULE_FIELDS);

	if (ps->class == SIG_CLASS_PRODUCTS)
		return fail(ps, "'rule' in a file of class products");
	if (n != SIG_RULE_FIELDS)
		return fail(ps, "a rule has %d '|'-separated fields (spec | app "
				"| protocol | function | direction | "
				"blocking), found %zu",
			    SIG_RULE_FIELDS, n);
	for (size_t i = 0; i < n; i++)
		if (!*f[i])
			return fail(ps, "empty field %zu (write '-' for "
					"nothing)",
				    i + 1);
	memset(&r, 0, sizeof r);
	if (parse_spec(ps, f[0], &r) < 0)
		return -1;
	if (!app_from_name(f[1], &r.app))
		return fail(ps, "unknown app '%s'", f[1]);
	if (!is_direction(f[4]))
		return fail(ps, "direction '%s' is not in, out, both or -",
			    f[4]);
	if (!ps->doc)
		return fail(ps, "rule before any 'source' line");
	struct sig_pool *pool = ps->set->pool;
	r.class = ps->class;
	r.protocol = pool_str(pool, f[2]);
	r.function = pool_str(pool, f[3]);
	r.direction = pool_str(pool, f[4]);
	r.blocking = pool_str(pool, f[5]);
	r.doc = ps->doc, r.title = ps->title, r.table = ps->table;
	r.vendor = ps->vendor;
	r.products = ps->products;
	r.file = ps->file;
	r.line = ps->line;
	if (!r.protocol || !r.function || !r.direction || !r.blocking)
		return fail(ps, "out of memory");
	return add_rule(ps, &r);
}

static int parse_class(struct sig_parser *ps, const char *arg)
{
	static const char *const names[] = {
		[SIG_CLASS_VENDOR] = "vendor",
		[SIG_CLASS_STANDARD] = "standard",
		[SIG_CLASS_INFRA] = "infrastructure",
		[SIG_CLASS_PRODUCTS] = "products",
	};
	if (ps->class != SIG_CLASS_NONE)
		return fail(ps, "'class' given twice");
	for (int c = SIG_CLASS_VENDOR; c <= SIG_CLASS_PRODUCTS; c++) {
		if (strcmp(arg, names[c]) == 0) {
			ps->class = (enum sig_class)c;
			return 0;
		}
	}
	return fail(ps, "unknown class '%s' (vendor, standard, "
			"infrastructure or products)",
		    arg);
}

static int parse_source(struct sig_parser *ps, char *arg)
{
	char *f[3];

	if (split_fields(arg, f, 3) != 3 || !*f[0] || !*f[1] || !*f[2])
		return fail(ps, "'source' needs DOC | TITLE | TABLE");
	ps->doc = pool_str(ps->set->pool, f[0]);
	ps->title = pool_str(ps->set->pool, f[1]);
	ps->table = pool_str(ps->set->pool, f[2]);
	return ps->doc && ps->title && ps->table ? 0
						 : fail(ps, "out of memory");
}

static int parse_product(struct sig_parser *ps, char *arg)
{
	char *f[SIG_LINE_MAX / 2];
	size_t n = split_fields(arg, f, sizeof f / sizeof *f);
	if (n > sizeof f / sizeof *f)
		return fail(ps, "too many products on one line");
	const char **v = pool_keep(ps->set->pool, calloc(n + 1, sizeof *v));

	if (!v)
		return fail(ps, "out of memory");
	for (size_t i = 0; i < n; i++) {
		if (!*f[i])
			return fail(ps, "empty product name");
		if (!(v[i] = pool_intern(ps->set->pool, f[i])))
			return fail(ps, "out of memory");
	}
	ps->products = v;
	return 0;
}

static bool glob_special(char c)
{
	return c == '*' || c == '?' || c == '[' || c == '\\';
}

/* The literal start, end and longest literal run of a glob.  Brackets and
 * escapes are read only as far as the first of them (the start). */
static void ua_literals(struct sig_ua *u)
{
	const char *g = u->glob;
	size_t len = strlen(g);

	u->prefix_len = strcspn(g, "*?[\\");
	u->suffix_len = u->middle_len = 0;
	u->middle = g;
	if (strpbrk(g, "[\\")) {
		u->suffix = g + len;
		return;
	}
	while (u->suffix_len < len && !glob_special(g[len - 1 - u->suffix_len]))
		u->suffix_len++;
	u->suffix = g + len - u->suffix_len;
	for (const char *p = g; *p;) {
		size_t run = strcspn(p, "*?");
		if (run > u->middle_len) {
			u->middle = p;
			u->middle_len = run;
		}
		p += run;
		if (*p)
			p++;
	}
}

static int parse_ua(struct sig_parser *ps, char *arg)
{
	char *f[2];
	struct sig_set *s = ps->set;

	if (ps->class != SIG_CLASS_PRODUCTS)
		return fail(ps, "'ua' outside a file of class products");
	if (split_fields(arg, f, 2) != 2 || !*f[0] || !*f[1])
		return fail(ps, "'ua' needs GLOB | PRODUCT");
	if (s->n_uas == s->cap_uas) {
		size_t cap = s->cap_uas ? 2 * s->cap_uas : 64;
		struct sig_ua *v = realloc(s->uas, cap * sizeof *v);
		if (!v)
			return fail(ps, "out of memory");
		s->uas = v;
		s->cap_uas = cap;
	}
	struct sig_ua *u = &s->uas[s->n_uas];
	u->glob = pool_str(s->pool, f[0]);
	u->product = pool_intern(s->pool, f[1]);
	u->file = ps->file;
	u->line = ps->line;
	if (!u->glob || !u->product)
		return fail(ps, "out of memory");
	ua_literals(u);
	s->n_uas++;
	return 0;
}

static int parse_line(struct sig_parser *ps, char *line)
{
	char *s = trim(line), *arg;
	size_t kw;

	if (*s == '\0' || *s == '#')
		return 0;
	kw = strcspn(s, " \t");
	arg = s[kw] ? trim(s + kw + 1) : s + kw;
	s[kw] = '\0';
	if (ps->class == SIG_CLASS_NONE && strcmp(s, "class") != 0)
		return fail(ps, "the file must start with 'class'");
	if (!strcmp(s, "class"))
		return parse_class(ps, arg);
	if (!*arg)
		return fail(ps, "'%s' needs an argument", s);
	if (!strcmp(s, "source"))
		return parse_source(ps, arg);
	if (!strcmp(s, "vendor")) {
		ps->vendor = pool_intern(ps->set->pool, arg);
		return ps->vendor ? 0 : fail(ps, "out of memory");
	}
	if (!strcmp(s, "product"))
		return parse_product(ps, arg);
	if (!strcmp(s, "rule"))
		return parse_rule(ps, arg);
	if (!strcmp(s, "ua"))
		return parse_ua(ps, arg);
	return fail(ps, "unknown statement '%s'", s);
}

/* A signature file is text a person writes: anything this big is not. */
#define SIG_FILE_MAX (16L * 1024 * 1024)
/* The UTF-8 byte order mark some editors put first. */
static const char utf8_bom[] = "\xef\xbb\xbf";

/* Checks one line read: its length, NUL bytes, a first line's BOM. */
static int read_line_ok(struct sig_parser *ps, const char *line, size_t n)
{
	if (n > SIG_LINE_MAX)
		return fail(ps, "line longer than %d characters", SIG_LINE_MAX);
	if (memchr(line, '\0', n) != NULL)
		return fail(ps, "NUL byte in line");
	return 0;
}

static int load_file(struct sig_set *set, const char *path, char *err,
		     size_t errlen)
{
	struct sig_parser ps = { .set = set, .err = err, .errlen = errlen };
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	struct stat st;
	FILE *fp = fopen(path, "r");
	int rc = 0;

	ps.file = pool_str(set->pool, path);
	if (!ps.file || !fp) {
		snprintf(err, errlen, "%s: %s", path,
			 fp ? "out of memory" : strerror(errno));
		if (fp)
			fclose(fp);
		return -1;
	}
	if (fstat(fileno(fp), &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > SIG_FILE_MAX) {
		snprintf(err, errlen, "%s: %s", path,
			 !S_ISREG(st.st_mode) ? "not a regular file"
					      : "larger than 16 MiB: not a "
						"signature file");
		fclose(fp);
		return -1;
	}
	while (rc == 0 && (got = getline(&line, &cap, fp)) >= 0) {
		size_t n = (size_t)got;
		char *text = line;
		ps.line++;
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (ps.line == 1 && n >= 3 && !memcmp(line, utf8_bom, 3)) {
			text += 3;
			n -= 3;
		}
		rc = read_line_ok(&ps, text, n);
		if (rc == 0)
			rc = parse_line(&ps, text);
	}
	free(line);
	if (rc == 0 && ferror(fp)) {
		snprintf(err, errlen, "%s: read error", path);
		rc = -1;
	}
	if (rc == 0 && ps.class == SIG_CLASS_NONE) {
		snprintf(err, errlen, "%s: no 'class' line: not a signature "
				      "file",
			 path);
		rc = -1;
	}
	fclose(fp);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_sig_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".sig") == 0;
}

/* Folders inside a signature folder are read too, this deep at most. */
#define SIG_DIR_DEPTH_MAX 8

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Every *.sig file of the folder and of the folders inside it, in name
 * order of their paths. */
static int load_dir(struct sig_set *set, const char *path, unsigned depth,
		    char *err, size_t errlen)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (!d) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (depth > SIG_DIR_DEPTH_MAX) {
		snprintf(err, errlen, "%s: folders nested more than %d deep",
			 path, SIG_DIR_DEPTH_MAX);
		closedir(d);
		return -1;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue; /* ., .. and hidden files */
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		char *name = malloc(len);
		if (name)
			snprintf(name, len, "%s/%s", path, e->d_name);
		if (name && !has_sig_suffix(e->d_name) && !is_dir(name)) {
			free(name);
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			char **v = name ? realloc(names, cap * sizeof *v) : NULL;
			if (v)
				names = v;
		}
		if (!name || n >= cap) {
			free(name);
			snprintf(err, errlen, "%s: out of memory", path);
			rc = -1;
			break;
		}
		names[n++] = name;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		if (rc == 0)
			rc = is_dir(names[i])
				     ? load_dir(set, names[i], depth + 1, err, errlen)
				     : load_file(set, names[i], err, errlen);
		free(names[i]);
	}
	free(names);
	return rc;
}

int sig_load_path(struct sig_set *set, const char *path, char *err,
		  size_t errlen)
{
	struct stat st;

	if (!set->pool && !(set->pool = calloc(1, sizeof *set->pool))) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	if (stat(path, &st) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return S_ISDIR(st.st_mode) ? load_dir(set, path, 0, err, errlen)
				   : load_file(set, path, err, errlen);
}

static bool rule_names_product(const struct sig_rule *r,
			       const char *const *patterns, size_t n)
{
	for (const char *const *p = r->products; p && *p; p++)
		for (size_t i = 0; i < n; i++)
			if (fnmatch(patterns[i], *p, FNM_CASEFOLD) == 0)
				return true;
	return false;
}

void sig_limit_products(struct sig_set *set, const char *const *patterns,
			size_t n)
{
	for (size_t i = 0; i < set->n_rules; i++) {
		struct sig_rule *r = &set->rules[i];
		if (r->class == SIG_CLASS_VENDOR)
			r->disabled = !rule_names_product(r, patterns, n);
	}
}

static void print_spec(FILE *out, const struct sig_rule *r)
{
	static const char *const tnames[] = { "", "tcp", "udp", "tcp/udp",
					      "icmp" };
	char net[ADDR_STRLEN + 8];

	if (r->transports == SIG_T_ANY)
		fputs("any", out);
	else if (r->transports == SIG_T_ICMP6)
		fputs("icmpv6", out);
	else
		fputs(r->transports < 5 ? tnames[r->transports] : "any", out);
	if (rule_is_ports_any(r))
		fputs(" any", out);
	else if (r->port_lo == r->port_hi)
		fprintf(out, " %u", r->port_lo);
	else
		fprintf(out, " %u-%u", r->port_lo, r->port_hi);
	if (r->parity)
		fputs(r->parity == SIG_PARITY_EVEN ? " even" : " odd", out);
	if (r->catchall)
		fputs(" catchall", out);
	if (r->has_net) {
		struct cidr c = r->net;
		unsigned bits = addr_is_v4(&c.base) ? c.bits - 96 : c.bits;
		fprintf(out, " net %s/%u", addr_str(&c.base, net, sizeof net),
			bits);
	}
}

void sig_print(FILE *out, const struct sig_set *set)
{
	for (size_t i = 0; i < set->n_rules; i++) {
		const struct sig_rule *r = &set->rules[i];
		if (r->disabled)
			continue;
		fprintf(out, "%s:%u: ", r->file, r->line);
		print_spec(out, r);
		fprintf(out, " | %s | %s | %s | %s | %s | ", app_name(r->app),
			r->protocol, r->function, r->direction, r->blocking);
		for (const char *const *p = r->products; p && *p; p++)
			fprintf(out, "%s%s", p == r->products ? "" : "; ", *p);
		fprintf(out, " | %s %s\n", r->title, r->table);
	}
	for (size_t i = 0; i < set->n_uas; i++)
		fprintf(out, "%s:%u: ua %s | %s\n", set->uas[i].file,
			set->uas[i].line, set->uas[i].glob,
			set->uas[i].product);
}

/* ---- matching ---- */

static unsigned transport_bit(unsigned proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return SIG_T_TCP;
	case IPPROTO_UDP:
		return SIG_T_UDP;
	case IPPROTO_ICMP:
		return SIG_T_ICMP;
	case IPPROTO_ICMPV6:
		return SIG_T_ICMP6;
	default:
		return 0;
	}
}

static bool port_in(const struct sig_rule *r, uint16_t port)
{
	if (port < r->port_lo || port > r->port_hi)
		return false;
	if (r->parity == SIG_PARITY_EVEN)
		return port % 2 == 0;
	if (r->parity == SIG_PARITY_ODD)
		return port % 2 == 1;
	return true;
}

/*
 * Higher is more specific.  A subnet named by a document outranks every
 * port; then a single port, a narrow range, a catch-all range, and last a
 * rule for any port (ICMP, subnet-only).  Within a tier, narrower wins.
 */
static long specificity(const struct sig_rule *r)
{
	long width = (long)r->port_hi - r->port_lo + 1;
	long tier;

	if (rule_is_ports_any(r))
		tier = 0;
	else if (r->catchall)
		tier = 1;
	else if (width == 1)
		tier = 3;
	else
		tier = 2;
	return (r->has_net ? 8 : 0) * 100000L + tier * 100000L + (65536 - width);
}

struct candidate {
	const struct sig_rule *rule;
	long score;
	bool on_responder;
};

static bool rule_matches(const struct sig_rule *r, unsigned tbit,
			 const struct sig_endpoint *port_end,
			 const struct sig_endpoint *other)
{
	if (r->disabled || r->class == SIG_CLASS_PRODUCTS ||
	    !(r->transports & tbit) || !port_in(r, port_end->port))
		return false;
	if (r->has_net && !cidr_contains(&r->net, port_end->addr) &&
	    !cidr_contains(&r->net, other->addr))
		return false;
	return true;
}

/*
 * Ties go to the responder's port, then to the row whose class speaks for
 * the protocol: a vendor's for the conferencing protocols (it says what
 * blocking breaks), the standard one for plain services.
 */
static long score(const struct sig_rule *r, bool on_responder)
{
	bool vendor = r->class == SIG_CLASS_VENDOR;
	bool speaks = app_is_plain_service(r->app) ? !vendor : vendor;

	return specificity(r) * 4 + (on_responder ? 2 : 0) + (speaks ? 1 : 0);
}

static bool is_narrow(const struct sig_rule *r)
{
	return (unsigned)(r->port_hi - r->port_lo) + 1 < SIG_INDEX_NARROW;
}

static void addr_halves(const struct addr *a, uint64_t h[2])
{
	h[0] = h[1] = 0;
	for (int i = 0; i < 16; i++)
		h[i / 8] = h[i / 8] << 8 | a->b[i];
}

static int half_cmp(const uint64_t a[2], const uint64_t b[2])
{
	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return a[1] < b[1] ? -1 : a[1] > b[1];
}

static int by_range_start(const void *a, const void *b)
{
	return half_cmp(((const struct net_range *)a)->lo,
			((const struct net_range *)b)->lo);
}

/* The subnets of every rule (disabled ones too), merged. */
static int index_nets(const struct sig_set *set, struct sig_index *x)
{
	size_t n = 0;

	for (size_t i = 0; i < set->n_rules; i++)
		n += set->rules[i].has_net;
	if (!n)
		return 0;
	if (!(x->nets = calloc(n, sizeof *x->nets)))
		return -1;
	n = 0;
	for (size_t i = 0; i < set->n_rules; i++) {
		const struct cidr *c = &set->rules[i].net;
		if (!set->rules[i].has_net)
			continue;
		struct net_range *r = &x->nets[n++];
		unsigned bits = c->bits > 128 ? 128 : c->bits;
		addr_halves(&c->base, r->lo);
		for (int h = 0; h < 2; h++) {
			unsigned keep = bits > 64u * h ? bits - 64u * h : 0;
			uint64_t mask = keep >= 64 ? ~0ULL
				      : keep ? ~0ULL << (64 - keep) : 0;
			r->lo[h] &= mask;
			r->hi[h] = r->lo[h] | ~mask;
		}
	}
	qsort(x->nets, n, sizeof *x->nets, by_range_start);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		struct net_range *last = m ? &x->nets[m - 1] : NULL;
		if (last && half_cmp(x->nets[i].lo, last->hi) <= 0) {
			if (half_cmp(x->nets[i].hi, last->hi) > 0)
				memcpy(last->hi, x->nets[i].hi, sizeof last->hi);
			continue;
		}
		x->nets[m++] = x->nets[i];
	}
	x->n_nets = m;
	return 0;
}

/* Is a inside any rule's subnet? */
static bool in_nets(const struct sig_index *x, const struct addr *a)
{
	uint64_t h[2];
	size_t lo = 0, hi = x->n_nets;

	addr_halves(a, h);
	while (lo < hi) { /* the first range starting after a */
		size_t mid = lo + (hi - lo) / 2;
		if (half_cmp(x->nets[mid].lo, h) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && half_cmp(h, x->nets[lo - 1].hi) <= 0;
}

int sig_build_index(struct sig_set *set)
{
	struct sig_index *x = calloc(1, sizeof *x);
	size_t n_narrow = 0;

	if (!x)
		return -1;
	x->start = calloc(SIG_PORTS + 1, sizeof *x->start);
	x->wide = calloc(set->n_rules ? set->n_rules : 1, sizeof *x->wide);
	for (size_t i = 0; x->start && i < set->n_rules; i++) {
		const struct sig_rule *r = &set->rules[i];
		if (r->class == SIG_CLASS_PRODUCTS)
			continue;
		if (!is_narrow(r)) {
			if (x->wide)
				x->wide[x->n_wide++] = (uint32_t)i;
			continue;
		}
		for (unsigned p = r->port_lo; p <= r->port_hi; p++)
			x->start[p + 1]++;
		n_narrow += (size_t)(r->port_hi - r->port_lo) + 1;
	}
	x->narrow = calloc(n_narrow ? n_narrow : 1, sizeof *x->narrow);
	if (!x->start || !x->wide || !x->narrow) {
		index_free(x);
		return -1;
	}
	if (index_nets(set, x) < 0) {
		index_free(x);
		return -1;
	}
	for (unsigned p = 0; p < SIG_PORTS; p++)
		x->start[p + 1] += x->start[p];
	/* Filled in rule order, so each port's list keeps the files' order. */
	uint32_t *fill = calloc(SIG_PORTS, sizeof *fill);
	if (!fill) {
		index_free(x);
		return -1;
	}
	for (size_t i = 0; i < set->n_rules; i++) {
		const struct sig_rule *r = &set->rules[i];
		if (r->class == SIG_CLASS_PRODUCTS || !is_narrow(r))
			continue;
		for (unsigned p = r->port_lo; p <= r->port_hi; p++)
			x->narrow[x->start[p] + fill[p]++] = (uint32_t)i;
	}
	free(fill);
	index_free(set->index);
	set->index = x;
	return 0;
}

/* Calls fn for every rule that may match `port`, in file order within the
 * narrow and the wide list; without an index, for every rule. */
struct rule_walk {
	const struct sig_set *set;
	size_t i, n_narrow, n;
	const uint32_t *narrow;
};

static void walk_start(struct rule_walk *w, const struct sig_set *set,
		       uint16_t port)
{
	memset(w, 0, sizeof *w);
	w->set = set;
	if (set->index) {
		w->narrow = set->index->narrow + set->index->start[port];
		w->n_narrow = set->index->start[port + 1] -
			      set->index->start[port];
		w->n = w->n_narrow + set->index->n_wide;
	} else {
		w->n = set->n_rules;
	}
}

static const struct sig_rule *walk_next(struct rule_walk *w)
{
	const struct sig_index *x = w->set->index;
	size_t i = w->i++;

	if (i >= w->n)
		return NULL;
	if (!x)
		return &w->set->rules[i];
	return &w->set->rules[i < w->n_narrow ? w->narrow[i]
					      : x->wide[i - w->n_narrow]];
}

/* Ties between equal scores go to the rule that comes first in the files,
 * whatever order the index hands them over in. */
static bool better(const struct sig_rule *r, long s,
		   const struct candidate *than)
{
	return s > than->score || (s == than->score && r < than->rule);
}

/* Keeps the SIG_MATCH_ROWS best candidates, sorted, one per rule. */
struct candidates {
	struct candidate c[SIG_MATCH_ROWS];
	size_t n, total;
};

static void candidates_add(struct candidates *cs, const struct candidate *c)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		if (cs->c[i].rule != c->rule)
			continue;
		if (!better(c->rule, c->score, &cs->c[i]))
			return; /* both ends match it: the better end stays */
		memmove(&cs->c[i], &cs->c[i + 1],
			(cs->n - i - 1) * sizeof cs->c[0]);
		cs->n--;
		cs->total--;
		break;
	}
	cs->total++;
	for (i = cs->n; i > 0 && better(c->rule, c->score, &cs->c[i - 1]); i--)
		;
	if (i >= SIG_MATCH_ROWS)
		return;
	size_t keep = cs->n < SIG_MATCH_ROWS ? cs->n : SIG_MATCH_ROWS - 1;
	memmove(&cs->c[i + 1], &cs->c[i], (keep - i) * sizeof cs->c[0]);
	cs->c[i] = *c;
	if (cs->n < SIG_MATCH_ROWS)
		cs->n++;
}

static void collect_on(const struct sig_set *set, unsigned tbit,
		       const struct sig_endpoint *port_end,
		       const struct sig_endpoint *other, bool on_responder,
		       struct candidates *cs)
{
	struct rule_walk w;
	const struct sig_rule *r;

	walk_start(&w, set, port_end->port);
	while ((r = walk_next(&w)) != NULL) {
		if (!rule_matches(r, tbit, port_end, other))
			continue;
		struct candidate c = { r, score(r, on_responder), on_responder };
		candidates_add(cs, &c);
	}
}

bool sig_rule_weak(const struct sig_rule *r, unsigned transport)
{
	unsigned tbit = transport_bit(transport);

	return !r->has_net &&
	       (r->catchall ||
		(rule_is_ports_any(r) && !(tbit & (SIG_T_ICMP | SIG_T_ICMP6))));
}

const char *sig_rule_file(const struct sig_rule *r)
{
	const char *slash = r->file ? strrchr(r->file, '/') : NULL;

	return slash ? slash + 1 : r->file ? r->file : "";
}

/* Adds `file` to the list unless it is there; returns the new count. */
static size_t add_file(const char **files, size_t n, size_t max,
		       const char *file)
{
	for (size_t i = 0; i < n && i < max; i++)
		if (!strcmp(files[i], file))
			return n;
	if (n < max)
		files[n] = file;
	return n + 1;
}

size_t sig_files(const struct sig_set *set, const char **files, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < set->n_rules; i++)
		if (set->rules[i].file)
			n = add_file(files, n, max, set->rules[i].file);
	for (size_t i = 0; i < set->n_uas; i++)
		if (set->uas[i].file)
			n = add_file(files, n, max, set->uas[i].file);
	return n;
}

/* The rows of the match from the candidates kept. */
static void match_from(const struct candidates *cs, struct sig_match *m)
{
	if (cs->n == 0)
		return;
	for (size_t i = 0; i < cs->n; i++)
		m->rows[i] = (struct sig_row){ cs->c[i].rule, cs->c[i].on_responder };
	m->n_rows = cs->n;
	m->n_rows_total = cs->total;
	m->rule = cs->c[0].rule;
	m->on_responder = cs->c[0].on_responder;
}

void sig_match_flow(const struct sig_set *set, unsigned transport,
		    struct sig_endpoint responder, struct sig_endpoint initiator,
		    bool responder_known, struct sig_match *m)
{
	unsigned tbit = transport_bit(transport);
	struct candidates cs;

	memset(m, 0, sizeof *m);
	if (!tbit)
		return;
	cs.n = cs.total = 0;
	/* The responder's port is the service; without a SYN to say who is
	 * who, the initiator's port is tried too. */
	collect_on(set, tbit, &responder, &initiator, true, &cs);
	if (!responder_known)
		collect_on(set, tbit, &initiator, &responder, false, &cs);
	match_from(&cs, m);
}

/*
 * The memo: for a transport, a port and a side, the candidates its rules
 * give, in the order the walk finds them, valid while no address is in a
 * subnet (then only the port decides).  Direct-mapped; a port with more
 * rules than MEMO_LIST_MAX is not kept.
 */
#define MEMO_SLOTS 4096
#define MEMO_LIST_MAX 256
/* Whole answers, by transport and both ports (a TCP flow's responder
 * port alone): most flows of a site repeat a few of them. */
#define MEMO_FLOW_SLOTS 2048

struct memo_slot {
	uint32_t key; /* 0: empty */
	uint32_t n;
	struct candidate *c;
};

struct memo_flow {
	uint64_t key; /* 0: empty */
	const struct sig_rule *rule;
	uint8_t n_rows; /* at most SIG_MATCH_ROWS */
	bool on_responder;
	size_t n_rows_total;
	struct sig_row *rows;
};

struct sig_memo {
	struct memo_slot slot[MEMO_SLOTS];
	struct memo_flow flow[MEMO_FLOW_SLOTS];
};

struct sig_memo *sig_memo_new(void)
{
	return calloc(1, sizeof(struct sig_memo));
}

void sig_memo_free(struct sig_memo *memo)
{
	if (!memo)
		return;
	for (size_t i = 0; i < MEMO_SLOTS; i++)
		free(memo->slot[i].c);
	for (size_t i = 0; i < MEMO_FLOW_SLOTS; i++)
		free(memo->flow[i].rows);
	free(memo);
}

/* The candidates of one port and side, walked afresh or remembered;
 * NULL when there are too many to keep or memory ran out. */
static const struct memo_slot *memo_list(const struct sig_set *set,
					 struct sig_memo *memo, unsigned tbit,
					 uint16_t port, bool on_responder)
{
	uint32_t key = 1u << 31 | tbit << 17 | (uint32_t)on_responder << 16 |
		       port;
	struct memo_slot *s = &memo->slot[(key * 2654435761u) >> 20];

	if (s->key == key)
		return s;
	struct candidate c[MEMO_LIST_MAX];
	uint32_t n = 0;
	struct rule_walk w;
	const struct sig_rule *r;
	struct addr none = { { 0 } };
	struct sig_endpoint end = { &none, port };

	walk_start(&w, set, port);
	while ((r = walk_next(&w)) != NULL) {
		/* No address is in a subnet: a rule with one cannot match. */
		if (r->has_net || !rule_matches(r, tbit, &end, &end))
			continue;
		if (n == MEMO_LIST_MAX)
			return NULL;
		c[n++] = (struct candidate){ r, score(r, on_responder),
					     on_responder };
	}
	struct candidate *kept = realloc(s->c, (n ? n : 1) * sizeof *kept);
	if (!kept)
		return NULL;
	memcpy(kept, c, n * sizeof *kept);
	*s = (struct memo_slot){ key, n, kept };
	return s;
}

void sig_match_flow_memo(const struct sig_set *set, struct sig_memo *memo,
			 unsigned transport, struct sig_endpoint responder,
			 struct sig_endpoint initiator, bool responder_known,
			 struct sig_match *m)
{
	unsigned tbit = transport_bit(transport);
	const struct sig_index *x = set->index;

	if (!memo || !x || !tbit ||
	    (x->n_nets && (in_nets(x, responder.addr) ||
			   in_nets(x, initiator.addr)))) {
		sig_match_flow(set, transport, responder, initiator,
			       responder_known, m);
		return;
	}
	uint64_t key = 1ULL << 63 | (uint64_t)tbit << 33 |
		       (uint64_t)responder_known << 32 |
		       (uint64_t)responder.port << 16 |
		       (responder_known ? 0 : initiator.port);
	struct memo_flow *mf =
		&memo->flow[(key * 0x9e3779b97f4a7c15ULL) >> 53];
	if (mf->key == key) {
		memset(m, 0, sizeof *m);
		m->rule = mf->rule;
		m->on_responder = mf->on_responder;
		memcpy(m->rows, mf->rows, mf->n_rows * sizeof *m->rows);
		m->n_rows = mf->n_rows;
		m->n_rows_total = mf->n_rows_total;
		return;
	}
	const struct memo_slot *rs =
		memo_list(set, memo, tbit, responder.port, true);
	if (!rs) {
		sig_match_flow(set, transport, responder, initiator,
			       responder_known, m);
		return;
	}
	struct candidates cs;
	cs.n = cs.total = 0;
	for (uint32_t i = 0; i < rs->n; i++)
		candidates_add(&cs, &rs->c[i]);
	if (!responder_known) {
		/* The same slot may be taken by the initiator's port: the
		 * responder's candidates are in cs already. */
		const struct memo_slot *is =
			memo_list(set, memo, tbit, initiator.port, false);
		if (!is) {
			sig_match_flow(set, transport, responder, initiator,
				       responder_known, m);
			return;
		}
		for (uint32_t i = 0; i < is->n; i++)
			candidates_add(&cs, &is->c[i]);
	}
	memset(m, 0, sizeof *m);
	match_from(&cs, m);
	struct sig_row *rows =
		realloc(mf->rows, (m->n_rows ? m->n_rows : 1) * sizeof *rows);
	if (!rows)
		return;
	memcpy(rows, m->rows, m->n_rows * sizeof *rows);
	mf->rows = rows;
	mf->rule = m->rule;
	mf->n_rows = (uint8_t)m->n_rows;
	mf->on_responder = m->on_responder;
	mf->n_rows_total = m->n_rows_total;
	mf->key = key;
}

/* Does text (len bytes) start or end with the n bytes at lit, ignoring
 * case as fnmatch's FNM_CASEFOLD does in the C locale? */
static bool starts_with(const char *text, size_t len, const char *lit,
			size_t n)
{
	return n <= len && strncasecmp(text, lit, n) == 0;
}

static bool ends_with(const char *text, size_t len, const char *lit, size_t n)
{
	return n <= len && strncasecmp(text + len - n, lit, n) == 0;
}

/* Does text hold the n bytes at lit anywhere, ignoring case? */
static bool holds(const char *text, size_t len, const char *lit, size_t n)
{
	int first = tolower((unsigned char)lit[0]);

	for (size_t i = 0; n <= len && i <= len - n; i++)
		if (tolower((unsigned char)text[i]) == first &&
		    strncasecmp(text + i, lit, n) == 0)
			return true;
	return false;
}

const char *sig_product_for(const struct sig_set *set, const char *text)
{
	if (!text || !*text)
		return NULL;
	size_t len = strlen(text);
	for (size_t i = 0; i < set->n_uas; i++) {
		const struct sig_ua *u = &set->uas[i];
		/* What the glob's literal parts say first: most texts fail
		 * there, and fnmatch is dear. */
		if (!starts_with(text, len, u->glob, u->prefix_len) ||
		    !ends_with(text, len, u->suffix, u->suffix_len) ||
		    (u->middle_len > u->prefix_len &&
		     u->middle_len > u->suffix_len &&
		     !holds(text, len, u->middle, u->middle_len)))
			continue;
		if (fnmatch(u->glob, text, FNM_CASEFOLD) == 0)
			return u->product;
	}
	return NULL;
}
