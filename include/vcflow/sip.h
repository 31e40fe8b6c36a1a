/* \summary: SIP messages: the fields vcflow reads from them, and their SDP */
#ifndef VCFLOW_SIP_H
#define VCFLOW_SIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcflow/proto.h"
#include "vcflow/sdp.h"

/*
 * Sets libosip2 up; call once, before any SIP or SDP is parsed.  Its trace
 * facility is silenced (it would write parse errors to stdout, which
 * carries only vcflow's records) and its parser tables are built.
 */
void sip_library_init(void);

#define SIP_METHOD_MAX 24
#define SIP_REASON_MAX 64
#define SIP_URI_MAX 128
#define SIP_MESSAGE_MAX 65536 /* the largest message handed to libosip2 */

/* What is read from one SIP message (strings are printable, may be cut). */
struct sip_message {
	bool is_request;
	char method[SIP_METHOD_MAX];	  /* request: "INVITE" */
	unsigned status;		  /* response: 200 */
	char reason[SIP_REASON_MAX];	  /* response: "OK" */
	char cseq_method[SIP_METHOD_MAX]; /* the request a response answers */
	char call_id[PROTO_CALLID_MAX];
	char from[SIP_URI_MAX]; /* From and To URIs: "sip:alice@example.com" */
	char to[SIP_URI_MAX];
	char product[PROTO_PRODUCT_MAX]; /* User-Agent, else Server */
	/* Where the sender says it is: the top Via's sent-by and the Contact
	 * host, when they are IP addresses (a NAT without SIP awareness
	 * leaves private ones there). */
	bool has_via_addr, has_contact_addr;
	struct addr via_addr, contact_addr;
	bool has_sdp;			 /* an application/sdp body was read */
	struct sdp_session sdp;
};

/*
 * Parses one whole SIP message (start line, headers, blank line and exactly
 * the body Content-Length names) with libosip2.  Returns false when the
 * message is refused: libosip2 rejects it, it holds a NUL in its headers, or
 * it is larger than SIP_MESSAGE_MAX.
 */
bool sip_message_read(const uint8_t *msg, size_t len, struct sip_message *out);

#endif
