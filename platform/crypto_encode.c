/* crypto_encode — hex and base64 (RFC 4648) encoders and strict decoders (see crypto.h). */
#include "platform/crypto.h"

#include <errno.h>
#include <stdint.h>

static const char hex_digits[] = "0123456789abcdef";
static const char b64_std[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64_url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int crypto_hex_encode(const void *in, size_t n, char *out, size_t out_size)
{
    if (n > (SIZE_MAX - 1) / 2 || out_size < 2 * n + 1)
        return -ENOSPC;
    const uint8_t *p = in;
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex_digits[p[i] >> 4];
        out[2 * i + 1] = hex_digits[p[i] & 0xf];
    }
    out[2 * n] = '\0';
    return 0;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int crypto_hex_decode(const char *in, size_t len, void *out, size_t out_size, size_t *out_len)
{
    if (len % 2 != 0)
        return -EINVAL;
    if (out_size < len / 2)
        return -ENOSPC;
    uint8_t *o = out;
    for (size_t i = 0; i < len; i += 2) {
        int hi = hex_value(in[i]);
        int lo = hex_value(in[i + 1]);
        if (hi < 0 || lo < 0)
            return -EINVAL;
        o[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    *out_len = len / 2;
    return 0;
}

size_t crypto_b64_encoded_len(size_t n, int flags)
{
    if (n / 3 >= (SIZE_MAX - 8) / 4)
        return SIZE_MAX;
    size_t full = n / 3 * 4;
    size_t rest = n % 3;
    if (rest == 0)
        return full;
    return full + ((flags & CRYPTO_B64_NOPAD) ? rest + 1 : 4);
}

size_t crypto_b64_decoded_max(size_t len)
{
    size_t rest = len % 4;
    return len / 4 * 3 + (rest > 1 ? rest - 1 : 0);
}

int crypto_b64_encode(const void *in, size_t n, int flags, char *out, size_t out_size)
{
    size_t need = crypto_b64_encoded_len(n, flags);
    if (need == SIZE_MAX || out_size < need + 1)
        return -ENOSPC;
    const char *abc = (flags & CRYPTO_B64_URL) ? b64_url : b64_std;
    const uint8_t *p = in;
    size_t o = 0, i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        out[o++] = abc[v >> 18];
        out[o++] = abc[(v >> 12) & 63];
        out[o++] = abc[(v >> 6) & 63];
        out[o++] = abc[v & 63];
    }
    if (i < n) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0);
        out[o++] = abc[v >> 18];
        out[o++] = abc[(v >> 12) & 63];
        if (i + 1 < n)
            out[o++] = abc[(v >> 6) & 63];
        if (!(flags & CRYPTO_B64_NOPAD)) {
            while (o % 4 != 0)
                out[o++] = '=';
        }
    }
    out[o] = '\0';
    return 0;
}

static int b64_value(char c, int flags)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (flags & CRYPTO_B64_URL)
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* The length of in without its padding, or SIZE_MAX if the padding is malformed. */
static size_t b64_unpadded_len(const char *in, size_t len)
{
    size_t pads = 0;
    while (pads < len && pads < 3 && in[len - 1 - pads] == '=')
        pads++;
    if (pads == 0)
        return len % 4 == 1 ? SIZE_MAX : len;
    size_t r = len - pads;
    if (len % 4 != 0 || (r % 4 == 2 ? pads != 2 : r % 4 == 3 ? pads != 1 : 1))
        return SIZE_MAX;
    return r;
}

int crypto_b64_decode(const char *in, size_t len, int flags, void *out, size_t out_size,
                      size_t *out_len)
{
    size_t r = b64_unpadded_len(in, len);
    if (r == SIZE_MAX)
        return -EINVAL;
    size_t n = crypto_b64_decoded_max(r);
    if (out_size < n)
        return -ENOSPC;
    uint8_t *o = out;
    size_t w = 0;
    uint32_t acc = 0;
    for (size_t i = 0; i < r; i++) {
        int v = b64_value(in[i], flags);
        if (v < 0)
            return -EINVAL;
        acc = acc << 6 | (uint32_t)v;
        if (i % 4 == 3) {
            o[w++] = (uint8_t)(acc >> 16);
            o[w++] = (uint8_t)(acc >> 8);
            o[w++] = (uint8_t)acc;
            acc = 0;
        }
    }
    if (r % 4 == 2) {
        if (acc & 0xf)
            return -EINVAL; /* non-canonical: bits after the last byte */
        o[w++] = (uint8_t)(acc >> 4);
    } else if (r % 4 == 3) {
        if (acc & 0x3)
            return -EINVAL;
        o[w++] = (uint8_t)(acc >> 10);
        o[w++] = (uint8_t)(acc >> 2);
    }
    *out_len = w;
    return 0;
}
