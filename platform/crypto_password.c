/* crypto_password — PBKDF2-HMAC-SHA256 password hashes as PHC-style strings (see crypto.h). */
#include "platform/crypto.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <string.h>

#define SCHEME        "$pbkdf2-sha256$i="
#define SALT_LEN      16
#define HASH_LEN      CRYPTO_SHA256_LEN
#define SALT_MIN      8
#define HASH_MIN      16
#define FIELD_MAX     64 /* bytes of a decoded salt or hash */
#define FIELD_B64_MAX 86 /* base64 characters of FIELD_MAX bytes, unpadded */

int crypto_password_hash(const char *password, size_t len, uint32_t iterations, char *out,
                         size_t out_size)
{
    if (iterations < CRYPTO_PBKDF2_MIN_ITERATIONS || iterations > CRYPTO_PBKDF2_MAX_ITERATIONS ||
        len > CRYPTO_PASSWORD_MAX_LEN)
        return -EINVAL;
    uint8_t salt[SALT_LEN], hash[HASH_LEN];
    char salt64[32], hash64[48];
    int rc = crypto_random_bytes(salt, sizeof(salt));
    if (rc == 0)
        rc =
            crypto_pbkdf2_sha256(password, len, salt, sizeof(salt), iterations, hash, sizeof(hash));
    if (rc == 0) {
        crypto_b64_encode(salt, sizeof(salt), CRYPTO_B64_NOPAD, salt64, sizeof(salt64));
        crypto_b64_encode(hash, sizeof(hash), CRYPTO_B64_NOPAD, hash64, sizeof(hash64));
        int n = snprintf(out, out_size, SCHEME "%u$%s$%s", iterations, salt64, hash64);
        rc = n < 0 || (size_t)n >= out_size ? -ENOSPC : 0;
    }
    OPENSSL_cleanse(hash, sizeof(hash));
    OPENSSL_cleanse(hash64, sizeof(hash64));
    return rc;
}

/* A stored hash, parsed. */
struct stored {
    uint32_t iterations;
    uint8_t salt[FIELD_MAX];
    size_t salt_len;
    uint8_t hash[FIELD_MAX];
    size_t hash_len;
};

/* Decimal iterations without sign or leading zeros, ending at '$'; advances *s. */
static int parse_iterations(const char **s, uint32_t *out)
{
    const char *p = *s;
    uint32_t v = 0;
    size_t digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 9) {
        v = v * 10 + (uint32_t)(*p - '0');
        p++;
        digits++;
    }
    if (digits == 0 || *p != '$' || (digits > 1 && **s == '0'))
        return -EINVAL;
    if (v < CRYPTO_PBKDF2_MIN_ITERATIONS || v > CRYPTO_PBKDF2_MAX_ITERATIONS)
        return -EINVAL;
    *out = v;
    *s = p + 1;
    return 0;
}

static int parse_field(const char *s, size_t len, size_t min, uint8_t *out, size_t *out_len)
{
    if (len > FIELD_B64_MAX || crypto_b64_decode(s, len, 0, out, FIELD_MAX, out_len) != 0 ||
        *out_len < min)
        return -EINVAL;
    return 0;
}

static int parse_stored(const char *s, struct stored *st)
{
    if (strncmp(s, SCHEME, strlen(SCHEME)) != 0)
        return -EINVAL;
    s += strlen(SCHEME);
    if (parse_iterations(&s, &st->iterations) != 0)
        return -EINVAL;
    const char *dollar = strchr(s, '$');
    if (!dollar || strchr(dollar + 1, '$'))
        return -EINVAL;
    if (parse_field(s, (size_t)(dollar - s), SALT_MIN, st->salt, &st->salt_len) != 0)
        return -EINVAL;
    return parse_field(dollar + 1, strlen(dollar + 1), HASH_MIN, st->hash, &st->hash_len);
}

int crypto_password_verify(const char *password, size_t len, const char *stored)
{
    struct stored st;
    if (parse_stored(stored, &st) != 0)
        return -EINVAL;
    if (len > CRYPTO_PASSWORD_MAX_LEN)
        return -EACCES;
    uint8_t hash[FIELD_MAX];
    int rc =
        crypto_pbkdf2_sha256(password, len, st.salt, st.salt_len, st.iterations, hash, st.hash_len);
    if (rc == 0)
        rc = crypto_equal(hash, st.hash, st.hash_len) ? 0 : -EACCES;
    OPENSSL_cleanse(hash, sizeof(hash));
    OPENSSL_cleanse(&st, sizeof(st));
    return rc;
}
