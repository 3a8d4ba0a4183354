/*
 * mqtt — pure codec for MQTT 3.1, 3.1.1 and 5.0 control packets.
 *
 * Bytes in, structs out, and back; no I/O, no clock, no global state.
 *
 * Decoding is in two steps so that no byte is buffered or allocated before the
 * packet's size is known and checked:
 *   1. mqtt_frame() looks at the fixed header of whatever bytes have arrived so far
 *      (it may be called again and again as more bytes arrive: resumable) and says
 *      how long the whole packet is, or that it is too large / malformed;
 *   2. mqtt_decode() parses one complete packet into a struct mqtt_packet.
 * struct mqtt_reader wraps both for callers that want to feed arbitrary chunks.
 *
 * Decoded strings and binary fields are views (struct mqtt_bin) into the caller's
 * input bytes: they stay valid as long as those bytes do. The only allocations a
 * decode makes are the entry arrays of SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK,
 * bounded by mqtt_limits and released by mqtt_packet_free().
 *
 * User properties are kept in their wire form (a run of 0x26 entries) in
 * props.user_props: a broker forwards them unchanged with one memcpy; use
 * mqtt_user_props_next() to read them and mqtt_user_props_add() to build them.
 *
 * Errors are MQTT 5 reason codes (enum mqtt_rc): 0x81 malformed packet, 0x82
 * protocol error, 0x84 unsupported protocol version, 0x95 packet too large, ...
 * For MQTT 3.1.1 peers the encoder maps reason codes to the 3.1.1 return codes.
 */
#ifndef PLATFORM_MQTT_H
#define PLATFORM_MQTT_H

#include "platform/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Protocol levels carried in CONNECT. */
#define MQTT_PROTO_V31  3 /* "MQIsdp" */
#define MQTT_PROTO_V311 4
#define MQTT_PROTO_V5   5

#define MQTT_MAX_REMAINING_LENGTH 268435455u /* 4-byte variable integer maximum */
#define MQTT_SUB_IDS_MAX          32         /* subscription identifiers kept per packet */

enum mqtt_type {
    MQTT_CONNECT = 1,
    MQTT_CONNACK = 2,
    MQTT_PUBLISH = 3,
    MQTT_PUBACK = 4,
    MQTT_PUBREC = 5,
    MQTT_PUBREL = 6,
    MQTT_PUBCOMP = 7,
    MQTT_SUBSCRIBE = 8,
    MQTT_SUBACK = 9,
    MQTT_UNSUBSCRIBE = 10,
    MQTT_UNSUBACK = 11,
    MQTT_PINGREQ = 12,
    MQTT_PINGRESP = 13,
    MQTT_DISCONNECT = 14,
    MQTT_AUTH = 15,
};

/* MQTT 5 reason codes (spec 2.4), name and text. 0x00 is also "granted QoS 0" and
 * "normal disconnection". */
#define MQTT_REASON_CODES(X)                                                 \
    X(SUCCESS, 0x00, "success")                                              \
    X(GRANTED_QOS1, 0x01, "granted QoS 1")                                   \
    X(GRANTED_QOS2, 0x02, "granted QoS 2")                                   \
    X(DISCONNECT_WITH_WILL, 0x04, "disconnect with will message")            \
    X(NO_MATCHING_SUBSCRIBERS, 0x10, "no matching subscribers")              \
    X(NO_SUBSCRIPTION_EXISTED, 0x11, "no subscription existed")              \
    X(CONTINUE_AUTH, 0x18, "continue authentication")                        \
    X(REAUTHENTICATE, 0x19, "re-authenticate")                               \
    X(UNSPECIFIED, 0x80, "unspecified error")                                \
    X(MALFORMED, 0x81, "malformed packet")                                   \
    X(PROTOCOL_ERROR, 0x82, "protocol error")                                \
    X(IMPL_SPECIFIC, 0x83, "implementation specific error")                  \
    X(UNSUPPORTED_VERSION, 0x84, "unsupported protocol version")             \
    X(CLIENT_ID_INVALID, 0x85, "client identifier not valid")                \
    X(BAD_CREDENTIALS, 0x86, "bad user name or password")                    \
    X(NOT_AUTHORIZED, 0x87, "not authorized")                                \
    X(SERVER_UNAVAILABLE, 0x88, "server unavailable")                        \
    X(SERVER_BUSY, 0x89, "server busy")                                      \
    X(BANNED, 0x8A, "banned")                                                \
    X(SERVER_SHUTTING_DOWN, 0x8B, "server shutting down")                    \
    X(BAD_AUTH_METHOD, 0x8C, "bad authentication method")                    \
    X(KEEPALIVE_TIMEOUT, 0x8D, "keep alive timeout")                         \
    X(SESSION_TAKEN_OVER, 0x8E, "session taken over")                        \
    X(TOPIC_FILTER_INVALID, 0x8F, "topic filter invalid")                    \
    X(TOPIC_NAME_INVALID, 0x90, "topic name invalid")                        \
    X(PACKET_ID_IN_USE, 0x91, "packet identifier in use")                    \
    X(PACKET_ID_NOT_FOUND, 0x92, "packet identifier not found")              \
    X(RECEIVE_MAX_EXCEEDED, 0x93, "receive maximum exceeded")                \
    X(TOPIC_ALIAS_INVALID, 0x94, "topic alias invalid")                      \
    X(PACKET_TOO_LARGE, 0x95, "packet too large")                            \
    X(MESSAGE_RATE_TOO_HIGH, 0x96, "message rate too high")                  \
    X(QUOTA_EXCEEDED, 0x97, "quota exceeded")                                \
    X(ADMIN_ACTION, 0x98, "administrative action")                           \
    X(PAYLOAD_FORMAT_INVALID, 0x99, "payload format invalid")                \
    X(RETAIN_NOT_SUPPORTED, 0x9A, "retain not supported")                    \
    X(QOS_NOT_SUPPORTED, 0x9B, "QoS not supported")                          \
    X(USE_ANOTHER_SERVER, 0x9C, "use another server")                        \
    X(SERVER_MOVED, 0x9D, "server moved")                                    \
    X(SHARED_SUBS_NOT_SUPPORTED, 0x9E, "shared subscriptions not supported") \
    X(CONNECTION_RATE_EXCEEDED, 0x9F, "connection rate exceeded")            \
    X(MAX_CONNECT_TIME, 0xA0, "maximum connect time")                        \
    X(SUB_IDS_NOT_SUPPORTED, 0xA1, "subscription identifiers not supported") \
    X(WILDCARD_SUBS_NOT_SUPPORTED, 0xA2, "wildcard subscriptions not supported")

enum mqtt_rc {
#define MQTT_RC_ENUM_(name, value, text) MQTT_RC_##name = value,
    MQTT_REASON_CODES(MQTT_RC_ENUM_)
#undef MQTT_RC_ENUM_
};

/* Property identifiers (spec 2.2.2.2). */
enum mqtt_prop_id {
    MQTT_PROP_PAYLOAD_FORMAT = 0x01,
    MQTT_PROP_MESSAGE_EXPIRY = 0x02,
    MQTT_PROP_CONTENT_TYPE = 0x03,
    MQTT_PROP_RESPONSE_TOPIC = 0x08,
    MQTT_PROP_CORRELATION_DATA = 0x09,
    MQTT_PROP_SUBSCRIPTION_ID = 0x0B,
    MQTT_PROP_SESSION_EXPIRY = 0x11,
    MQTT_PROP_ASSIGNED_CLIENT_ID = 0x12,
    MQTT_PROP_SERVER_KEEPALIVE = 0x13,
    MQTT_PROP_AUTH_METHOD = 0x15,
    MQTT_PROP_AUTH_DATA = 0x16,
    MQTT_PROP_REQUEST_PROBLEM_INFO = 0x17,
    MQTT_PROP_WILL_DELAY = 0x18,
    MQTT_PROP_REQUEST_RESPONSE_INFO = 0x19,
    MQTT_PROP_RESPONSE_INFO = 0x1A,
    MQTT_PROP_SERVER_REFERENCE = 0x1C,
    MQTT_PROP_REASON_STRING = 0x1F,
    MQTT_PROP_RECEIVE_MAX = 0x21,
    MQTT_PROP_TOPIC_ALIAS_MAX = 0x22,
    MQTT_PROP_TOPIC_ALIAS = 0x23,
    MQTT_PROP_MAX_QOS = 0x24,
    MQTT_PROP_RETAIN_AVAILABLE = 0x25,
    MQTT_PROP_USER_PROPERTY = 0x26,
    MQTT_PROP_MAX_PACKET_SIZE = 0x27,
    MQTT_PROP_WILDCARD_SUB_AVAILABLE = 0x28,
    MQTT_PROP_SUB_ID_AVAILABLE = 0x29,
    MQTT_PROP_SHARED_SUB_AVAILABLE = 0x2A,
};

/* A view of bytes owned by someone else. p may be NULL when len is 0. */
struct mqtt_bin {
    const uint8_t *p;
    uint32_t len;
};

/* MQTT 5 properties of one packet (or of a will). A field is meaningful only when
 * its bit is set in `present` (see mqtt_props_has/mqtt_props_set). Multi-valued
 * properties: user properties (wire form, see above) and subscription ids. */
struct mqtt_props {
    uint64_t present; /* bit (1ull << id) for each property present */
    uint8_t payload_format;
    uint8_t request_problem_info;
    uint8_t request_response_info;
    uint8_t max_qos;
    uint8_t retain_available;
    uint8_t wildcard_sub_available;
    uint8_t sub_id_available;
    uint8_t shared_sub_available;
    uint16_t server_keepalive;
    uint16_t receive_max;
    uint16_t topic_alias_max;
    uint16_t topic_alias;
    uint32_t message_expiry;
    uint32_t session_expiry;
    uint32_t will_delay;
    uint32_t max_packet_size;
    struct mqtt_bin content_type;
    struct mqtt_bin response_topic;
    struct mqtt_bin correlation_data;
    struct mqtt_bin assigned_client_id;
    struct mqtt_bin auth_method;
    struct mqtt_bin auth_data;
    struct mqtt_bin response_info;
    struct mqtt_bin server_reference;
    struct mqtt_bin reason_string;
    struct mqtt_bin user_props; /* wire form: 0x26 key(str16) value(str16), repeated */
    uint32_t n_user_props;
    uint8_t n_sub_ids;
    uint32_t sub_ids[MQTT_SUB_IDS_MAX];
};

static inline bool mqtt_props_has(const struct mqtt_props *p, enum mqtt_prop_id id)
{
    return (p->present >> id) & 1u;
}

static inline void mqtt_props_set(struct mqtt_props *p, enum mqtt_prop_id id)
{
    p->present |= 1ull << id;
}

struct mqtt_connect {
    uint8_t protocol_version; /* MQTT_PROTO_V31, _V311 or _V5 */
    bool clean_start;
    uint16_t keepalive;
    struct mqtt_bin client_id;
    bool has_username;
    bool has_password;
    struct mqtt_bin username;
    struct mqtt_bin password;
    bool will_flag;
    uint8_t will_qos;
    bool will_retain;
    struct mqtt_bin will_topic;
    struct mqtt_bin will_payload;
    struct mqtt_props will_props;
    struct mqtt_props props;
};

struct mqtt_connack {
    bool session_present;
    uint8_t reason; /* enum mqtt_rc; mapped to a 3.1.1 return code on encode */
    struct mqtt_props props;
};

struct mqtt_publish {
    uint8_t qos;
    bool dup;
    bool retain;
    struct mqtt_bin topic; /* may be empty in MQTT 5 when a topic alias is used */
    uint16_t packet_id;    /* only when qos > 0 */
    struct mqtt_bin payload;
    struct mqtt_props props;
};

/* PUBACK, PUBREC, PUBREL, PUBCOMP. */
struct mqtt_ack {
    uint16_t packet_id;
    uint8_t reason;
    struct mqtt_props props;
};

struct mqtt_sub_entry {
    struct mqtt_bin filter;
    uint8_t qos;
    bool no_local;
    bool retain_as_published;
    uint8_t retain_handling; /* 0, 1 or 2 */
};

struct mqtt_subscribe {
    uint16_t packet_id;
    struct mqtt_props props;
    uint32_t n;
    struct mqtt_sub_entry *entries; /* decode: allocated, freed by mqtt_packet_free */
};

/* SUBACK and UNSUBACK (3.1.1 UNSUBACK has no reason codes: n = 0). */
struct mqtt_suback {
    uint16_t packet_id;
    struct mqtt_props props;
    uint32_t n;
    uint8_t *reasons; /* decode: allocated, freed by mqtt_packet_free */
};

struct mqtt_unsubscribe {
    uint16_t packet_id;
    struct mqtt_props props;
    uint32_t n;
    struct mqtt_bin *filters; /* decode: allocated, freed by mqtt_packet_free */
};

/* DISCONNECT and AUTH. */
struct mqtt_reason_only {
    uint8_t reason;
    struct mqtt_props props;
};

struct mqtt_packet {
    enum mqtt_type type;
    union {
        struct mqtt_connect connect;
        struct mqtt_connack connack;
        struct mqtt_publish publish;
        struct mqtt_ack ack; /* PUBACK PUBREC PUBREL PUBCOMP */
        struct mqtt_subscribe subscribe;
        struct mqtt_suback suback; /* SUBACK UNSUBACK */
        struct mqtt_unsubscribe unsubscribe;
        struct mqtt_reason_only disconnect; /* DISCONNECT */
        struct mqtt_reason_only auth;       /* AUTH */
    } u;
};

/* Decoder limits, checked before anything is buffered or allocated. */
struct mqtt_limits {
    uint32_t max_packet_size; /* whole packet, fixed header included; 0 = protocol max */
    uint32_t max_sub_entries; /* topic filters per SUBSCRIBE/UNSUBSCRIBE; 0 = 1024 */
};

/* Outcome of mqtt_frame(). */
enum mqtt_frame_status {
    MQTT_FRAME_NEED_MORE = 0, /* fixed header incomplete: call again with more bytes */
    MQTT_FRAME_OK = 1,        /* *packet_len is the whole packet's length */
    MQTT_FRAME_ERROR = -1,    /* *rc says why: MALFORMED or PACKET_TOO_LARGE */
};

/*
 * Look at the first `len` bytes of a stream positioned at a packet boundary.
 * On MQTT_FRAME_OK, *packet_len is the length of the whole packet (which may be more
 * than `len`: the caller reads on until it has that many bytes). A packet larger than
 * lim->max_packet_size is refused here, from its header alone.
 */
enum mqtt_frame_status mqtt_frame(const uint8_t *p, size_t len, const struct mqtt_limits *lim,
                                  size_t *packet_len, enum mqtt_rc *rc);

/*
 * Decode one complete packet p[0..len) (len as given by mqtt_frame).
 * `version` is the session's protocol version; pass 0 before CONNECT (the version is
 * then taken from the CONNECT itself). `from_server` selects the direction's rules
 * (e.g. a client must not send a subscription identifier in PUBLISH).
 * Returns MQTT_RC_SUCCESS and fills *out, or an error reason code with *out
 * released. On success call mqtt_packet_free(out) when done.
 */
enum mqtt_rc mqtt_decode(const uint8_t *p, size_t len, uint8_t version, bool from_server,
                         const struct mqtt_limits *lim, struct mqtt_packet *out);

/* Release what mqtt_decode allocated (entry arrays); the views need nothing. */
void mqtt_packet_free(struct mqtt_packet *pkt);

/*
 * Append the encoding of pkt for a peer speaking `version` to out.
 * For 3.1/3.1.1 properties are omitted and reason codes mapped to return codes.
 * Returns 0, -ENOMEM, or -EINVAL when a field is out of range for the protocol
 * (nothing is appended on error).
 */
int mqtt_encode(struct buf *out, uint8_t version, const struct mqtt_packet *pkt);

/* Length mqtt_encode would append (for a peer's maximum packet size), 0 if invalid. */
size_t mqtt_encoded_size(uint8_t version, const struct mqtt_packet *pkt);

/* Encoded length of a property block (without its own length prefix). */
size_t mqtt_props_size(const struct mqtt_props *props);

/* Append one user property (key, value) in wire form to raw and bump *count. */
int mqtt_user_props_add(struct buf *raw, uint32_t *count, const void *key, uint16_t klen,
                        const void *val, uint16_t vlen);

/* Iterate a wire-form user property run: start with *pos = 0; returns false at the end
 * (or on a malformed run, which mqtt_decode never produces). */
bool mqtt_user_props_next(struct mqtt_bin raw, size_t *pos, struct mqtt_bin *key,
                          struct mqtt_bin *val);

/* Well-formed UTF-8 as MQTT requires: no U+0000, no surrogates, no overlongs. */
bool mqtt_utf8_valid(const uint8_t *p, size_t len);

/* Names for logs: "PUBLISH", "malformed packet". Never NULL. */
const char *mqtt_type_name(int type);
const char *mqtt_rc_name(int rc);

/* 3.1.1 CONNACK return code for a reason code (0..5). */
uint8_t mqtt_rc_to_v3_connack(uint8_t rc);

/*
 * A stream reader: feed it arbitrary chunks, take whole packets out.
 * It copies into an internal buffer (for clients and tests; the broker decodes in
 * place from its own read buffer with mqtt_frame + mqtt_decode).
 */
struct mqtt_reader {
    struct buf in;
    size_t consumed; /* bytes of `in` already handed out as packets */
    struct mqtt_limits lim;
    uint8_t version;
    bool from_server;
};

void mqtt_reader_init(struct mqtt_reader *r, uint8_t version, bool from_server,
                      const struct mqtt_limits *lim);
void mqtt_reader_free(struct mqtt_reader *r);
/* Append bytes. 0 or -ENOMEM. */
int mqtt_reader_feed(struct mqtt_reader *r, const void *p, size_t len);
/*
 * Next packet: returns 1 and fills *out (views valid until the next feed or next
 * call), 0 when more bytes are needed, or -1 with *rc set on a malformed stream
 * (the reader is then unusable). Call mqtt_packet_free(out) for each packet.
 */
int mqtt_reader_next(struct mqtt_reader *r, struct mqtt_packet *out, enum mqtt_rc *rc);

#endif
