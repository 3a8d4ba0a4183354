/*
 * buf — a growable byte buffer (writer) and a bounds-checked cursor (reader).
 *
 * Codecs write into a struct buf and read from a struct buf_reader; neither does
 * I/O. Integers are big-endian on the wire (network order), as in MQTT. A reader
 * never reads past its end: once a read fails, `err` stays set and every later read
 * returns zero, so a decoder may read a whole structure and check `err` once.
 */
#ifndef PLATFORM_BUF_H
#define PLATFORM_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
    uint8_t *data;
    size_t len; /* bytes in use */
    size_t cap; /* bytes allocated */
};

/* An empty buffer; allocates nothing until the first append. */
void buf_init(struct buf *b);

/* Release the storage; the buffer is empty and reusable afterwards. */
void buf_free(struct buf *b);

/* Make room for `extra` more bytes. 0 or -ENOMEM (b unchanged on failure). */
int buf_reserve(struct buf *b, size_t extra);

/* Append bytes / integers. 0 or -ENOMEM (nothing appended on failure). */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_append_u8(struct buf *b, uint8_t v);
int buf_append_u16(struct buf *b, uint16_t v);
int buf_append_u32(struct buf *b, uint32_t v);
int buf_append_u64(struct buf *b, uint64_t v);
/* A 16-bit length followed by the bytes (MQTT "UTF-8 string"/"binary data"). */
int buf_append_str16(struct buf *b, const void *p, size_t n);
/* A 32-bit length followed by the bytes. */
int buf_append_str32(struct buf *b, const void *p, size_t n);
/* printf-style append (no terminating NUL counted in len; one is kept after it). */
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Drop the first n bytes (n <= len). */
void buf_consume(struct buf *b, size_t n);

/* Forget the contents, keep the storage. */
static inline void buf_reset(struct buf *b)
{
    b->len = 0;
}

/* Big-endian stores into raw memory (for patching lengths after the fact). */
void buf_put_u16(uint8_t *p, uint16_t v);
void buf_put_u32(uint8_t *p, uint32_t v);
void buf_put_u64(uint8_t *p, uint64_t v);
uint16_t buf_get_u16(const uint8_t *p);
uint32_t buf_get_u32(const uint8_t *p);
uint64_t buf_get_u64(const uint8_t *p);

/* A read cursor over memory it does not own. */
struct buf_reader {
    const uint8_t *p;
    size_t len;
    size_t pos;
    bool err; /* set by the first read that would overrun; sticky */
};

/* A reader over p[0..len). */
void buf_reader_init(struct buf_reader *r, const void *p, size_t len);

/* Bytes left to read (0 once err is set). */
size_t buf_reader_left(const struct buf_reader *r);

uint8_t buf_read_u8(struct buf_reader *r);
uint16_t buf_read_u16(struct buf_reader *r);
uint32_t buf_read_u32(struct buf_reader *r);
uint64_t buf_read_u64(struct buf_reader *r);

/* A view of the next n bytes (not copied); NULL (and err set) if fewer remain. */
const uint8_t *buf_read_bytes(struct buf_reader *r, size_t n);

/* A 16-bit (resp. 32-bit) length and a view of that many bytes; NULL on overrun. */
const uint8_t *buf_read_str16(struct buf_reader *r, uint16_t *len);
const uint8_t *buf_read_str32(struct buf_reader *r, uint32_t *len);

#endif
