/* buf — growable byte buffer and bounds-checked reader (see buf.h). */
#include "platform/buf.h"

#include "platform/mem.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void buf_init(struct buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void buf_free(struct buf *b)
{
    mem_free(b->data);
    buf_init(b);
}

int buf_reserve(struct buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len)
        return -ENOMEM;
    size_t need = b->len + extra;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    uint8_t *d = mem_realloc(b->data, cap);
    if (!d)
        return -ENOMEM;
    b->data = d;
    b->cap = cap;
    return 0;
}

int buf_append(struct buf *b, const void *p, size_t n)
{
    if (n == 0)
        return 0;
    if (buf_reserve(b, n) != 0)
        return -ENOMEM;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

int buf_append_u8(struct buf *b, uint8_t v)
{
    return buf_append(b, &v, 1);
}

int buf_append_u16(struct buf *b, uint16_t v)
{
    uint8_t t[2];
    buf_put_u16(t, v);
    return buf_append(b, t, 2);
}

int buf_append_u32(struct buf *b, uint32_t v)
{
    uint8_t t[4];
    buf_put_u32(t, v);
    return buf_append(b, t, 4);
}

int buf_append_u64(struct buf *b, uint64_t v)
{
    uint8_t t[8];
    buf_put_u64(t, v);
    return buf_append(b, t, 8);
}

int buf_append_str16(struct buf *b, const void *p, size_t n)
{
    if (n > UINT16_MAX)
        return -EINVAL;
    if (buf_reserve(b, 2 + n) != 0)
        return -ENOMEM;
    buf_append_u16(b, (uint16_t)n);
    return buf_append(b, p, n);
}

int buf_append_str32(struct buf *b, const void *p, size_t n)
{
    if (n > UINT32_MAX)
        return -EINVAL;
    if (buf_reserve(b, 4 + n) != 0)
        return -ENOMEM;
    buf_append_u32(b, (uint32_t)n);
    return buf_append(b, p, n);
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -EINVAL;
    if (buf_reserve(b, (size_t)n + 1) != 0)
        return -ENOMEM;
    va_start(ap, fmt);
    vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void buf_consume(struct buf *b, size_t n)
{
    if (n >= b->len) {
        b->len = 0;
        return;
    }
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
}

void buf_put_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

void buf_put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

void buf_put_u64(uint8_t *p, uint64_t v)
{
    buf_put_u32(p, (uint32_t)(v >> 32));
    buf_put_u32(p + 4, (uint32_t)v);
}

uint16_t buf_get_u16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

uint32_t buf_get_u32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

uint64_t buf_get_u64(const uint8_t *p)
{
    return ((uint64_t)buf_get_u32(p) << 32) | buf_get_u32(p + 4);
}

void buf_reader_init(struct buf_reader *r, const void *p, size_t len)
{
    r->p = p;
    r->len = len;
    r->pos = 0;
    r->err = false;
}

size_t buf_reader_left(const struct buf_reader *r)
{
    return r->err ? 0 : r->len - r->pos;
}

const uint8_t *buf_read_bytes(struct buf_reader *r, size_t n)
{
    if (r->err || n > r->len - r->pos) {
        r->err = true;
        return NULL;
    }
    const uint8_t *p = r->p + r->pos;
    r->pos += n;
    return p;
}

uint8_t buf_read_u8(struct buf_reader *r)
{
    const uint8_t *p = buf_read_bytes(r, 1);
    return p ? p[0] : 0;
}

uint16_t buf_read_u16(struct buf_reader *r)
{
    const uint8_t *p = buf_read_bytes(r, 2);
    return p ? buf_get_u16(p) : 0;
}

uint32_t buf_read_u32(struct buf_reader *r)
{
    const uint8_t *p = buf_read_bytes(r, 4);
    return p ? buf_get_u32(p) : 0;
}

uint64_t buf_read_u64(struct buf_reader *r)
{
    const uint8_t *p = buf_read_bytes(r, 8);
    return p ? buf_get_u64(p) : 0;
}

const uint8_t *buf_read_str16(struct buf_reader *r, uint16_t *len)
{
    uint16_t n = buf_read_u16(r);
    const uint8_t *p = buf_read_bytes(r, n);
    *len = p ? n : 0;
    return p;
}

const uint8_t *buf_read_str32(struct buf_reader *r, uint32_t *len)
{
    uint32_t n = buf_read_u32(r);
    const uint8_t *p = buf_read_bytes(r, n);
    *len = p ? n : 0;
    return p;
}
