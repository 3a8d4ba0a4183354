/* crypto — random bytes, digests, HMAC, PBKDF2, device signatures and ids (see crypto.h). */
#include "platform/crypto.h"

#include <errno.h>
#include <limits.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

int crypto_random_bytes(void *out, size_t n)
{
    uint8_t *p = out;
    while (n > 0) {
        ssize_t got = getrandom(p, n, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            if (errno != ENOSYS)
                return -EIO;
            /* No getrandom(2): OpenSSL seeds from /dev/urandom itself. */
            return n <= INT_MAX && RAND_bytes(p, (int)n) == 1 ? 0 : -EIO;
        }
        p += got;
        n -= (size_t)got;
    }
    return 0;
}

bool crypto_equal(const void *a, const void *b, size_t n)
{
    return CRYPTO_memcmp(a, b, n) == 0;
}

int crypto_sha256(const void *p, size_t n, uint8_t out[CRYPTO_SHA256_LEN])
{
    unsigned int len = 0;
    if (EVP_Digest(p, n, out, &len, EVP_sha256(), NULL) != 1 || len != CRYPTO_SHA256_LEN)
        return -EIO;
    return 0;
}

/* The HMAC implementation is fetched once; fetching per call costs a lookup. */
static EVP_MAC *hmac_alg;
static pthread_once_t hmac_once = PTHREAD_ONCE_INIT;

static void hmac_fetch(void)
{
    hmac_alg = EVP_MAC_fetch(NULL, OSSL_MAC_NAME_HMAC, NULL);
}

struct part {
    const void *p;
    size_t n;
};

/* HMAC with digest `md` over the concatenation of parts; out must hold md_len bytes. */
static int hmac_parts(const char *md, size_t md_len, const void *key, size_t key_len,
                      const struct part *parts, size_t nparts, uint8_t *out)
{
    pthread_once(&hmac_once, hmac_fetch);
    if (!hmac_alg)
        return -EIO;
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(hmac_alg);
    if (!ctx)
        return -EIO;
    /* An empty key is legal HMAC; OpenSSL wants a non-NULL pointer for it. */
    static const uint8_t no_key[1];
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)md, 0),
        OSSL_PARAM_construct_end(),
    };
    int rc = -EIO;
    if (EVP_MAC_init(ctx, key_len ? key : no_key, key_len, params) != 1)
        goto out;
    for (size_t i = 0; i < nparts; i++) {
        if (parts[i].n && EVP_MAC_update(ctx, parts[i].p, parts[i].n) != 1)
            goto out;
    }
    size_t len = 0;
    if (EVP_MAC_final(ctx, out, &len, md_len) == 1 && len == md_len)
        rc = 0;
out:
    EVP_MAC_CTX_free(ctx);
    return rc;
}

int crypto_hmac_sha256(const void *key, size_t key_len, const void *msg, size_t n,
                       uint8_t out[CRYPTO_SHA256_LEN])
{
    struct part part = {msg, n};
    return hmac_parts("SHA256", CRYPTO_SHA256_LEN, key, key_len, &part, 1, out);
}

int crypto_hmac_sha1(const void *key, size_t key_len, const void *msg, size_t n,
                     uint8_t out[CRYPTO_SHA1_LEN])
{
    struct part part = {msg, n};
    return hmac_parts("SHA1", CRYPTO_SHA1_LEN, key, key_len, &part, 1, out);
}

int crypto_pbkdf2_sha256(const void *password, size_t password_len, const void *salt,
                         size_t salt_len, uint32_t iterations, uint8_t *out, size_t out_len)
{
    if (iterations < 1 || iterations > INT_MAX || password_len > INT_MAX || salt_len > INT_MAX ||
        out_len < 1 || out_len > INT_MAX)
        return -EINVAL;
    static const char empty[1];
    if (PKCS5_PBKDF2_HMAC(password_len ? password : empty, (int)password_len,
                          salt_len ? salt : (const void *)empty, (int)salt_len, (int)iterations,
                          EVP_sha256(), (int)out_len, out) != 1)
        return -EIO;
    return 0;
}

int crypto_sign_method_parse(const char *s, enum crypto_sign_method *out)
{
    if (strcasecmp(s, "hmacsha1") == 0) {
        *out = CRYPTO_SIGN_HMAC_SHA1;
        return 0;
    }
    if (strcasecmp(s, "hmacsha256") == 0) {
        *out = CRYPTO_SIGN_HMAC_SHA256;
        return 0;
    }
    return -EINVAL;
}

/* The raw device signature; returns its length in *len. */
static int device_mac(enum crypto_sign_method method, const char *secret, size_t secret_len,
                      const struct crypto_device_login *l, uint8_t out[CRYPTO_SHA256_LEN],
                      size_t *len)
{
    bool ts = l->timestamp && l->timestamp[0];
    struct part parts[] = {
        {"clientId", 8},    {l->client_id, strlen(l->client_id)},
        {"deviceName", 10}, {l->device_name, strlen(l->device_name)},
        {"productKey", 10}, {l->product_key, strlen(l->product_key)},
        {"timestamp", 9},   {ts ? l->timestamp : "", ts ? strlen(l->timestamp) : 0},
    };
    size_t nparts = ts ? 8 : 6;
    if (method == CRYPTO_SIGN_HMAC_SHA1) {
        *len = CRYPTO_SHA1_LEN;
        return hmac_parts("SHA1", CRYPTO_SHA1_LEN, secret, secret_len, parts, nparts, out);
    }
    *len = CRYPTO_SHA256_LEN;
    return hmac_parts("SHA256", CRYPTO_SHA256_LEN, secret, secret_len, parts, nparts, out);
}

int crypto_device_sign(enum crypto_sign_method method, const char *secret, size_t secret_len,
                       const struct crypto_device_login *login, char *out, size_t out_size)
{
    uint8_t mac[CRYPTO_SHA256_LEN];
    size_t len;
    int rc = device_mac(method, secret, secret_len, login, mac, &len);
    if (rc == 0)
        rc = crypto_hex_encode(mac, len, out, out_size);
    return rc;
}

int crypto_device_verify(enum crypto_sign_method method, const char *secret, size_t secret_len,
                         const struct crypto_device_login *login, const char *presented,
                         size_t presented_len)
{
    uint8_t mac[CRYPTO_SHA256_LEN], got[CRYPTO_SHA256_LEN];
    size_t len, got_len;
    int rc = device_mac(method, secret, secret_len, login, mac, &len);
    if (rc != 0)
        return rc;
    if (presented_len != 2 * len ||
        crypto_hex_decode(presented, presented_len, got, sizeof(got), &got_len) != 0)
        return -EACCES;
    return crypto_equal(mac, got, len) ? 0 : -EACCES;
}

static const char base32_chars[] = "abcdefghijklmnopqrstuvwxyz234567";
static const char base62_chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* len characters into out by rejection sampling (uniform for any alphabet size). */
static int random_chars(const char *alphabet, unsigned size, char *out, size_t len)
{
    unsigned limit = 256 - 256 % size; /* bytes >= limit would bias the result */
    uint8_t pool[64];
    size_t used = sizeof(pool);
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0;) {
        if (used == sizeof(pool)) {
            rc = crypto_random_bytes(pool, sizeof(pool));
            used = 0;
            continue;
        }
        uint8_t b = pool[used++];
        if (b < limit)
            out[i++] = alphabet[b % size];
    }
    OPENSSL_cleanse(pool, sizeof(pool));
    return rc;
}

int crypto_random_id(enum crypto_id_alphabet alphabet, size_t len, char *out, size_t out_size)
{
    if (len == 0 || (alphabet != CRYPTO_ID_BASE32 && alphabet != CRYPTO_ID_BASE62))
        return -EINVAL;
    if (len >= out_size)
        return -ENOSPC;
    int rc = alphabet == CRYPTO_ID_BASE32 ? random_chars(base32_chars, 32, out, len)
                                          : random_chars(base62_chars, 62, out, len);
    if (rc == 0)
        out[len] = '\0';
    return rc;
}

int crypto_api_key_new(const char *prefix, char *out, size_t out_size)
{
    size_t plen = strlen(prefix);
    if (plen == 0 || plen > CRYPTO_API_KEY_PREFIX_MAX)
        return -EINVAL;
    for (size_t i = 0; i < plen; i++) {
        char c = prefix[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return -EINVAL;
    }
    if (out_size < plen + 1 + CRYPTO_API_KEY_RANDOM_CHARS + 1)
        return -ENOSPC;
    memcpy(out, prefix, plen);
    out[plen] = '_';
    return crypto_random_id(CRYPTO_ID_BASE62, CRYPTO_API_KEY_RANDOM_CHARS, out + plen + 1,
                            out_size - plen - 1);
}
