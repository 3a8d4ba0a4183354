/*
 * crypto — randomness, encodings, digests, MACs, password hashes and identifiers.
 *
 * Thin, checked wrappers over OpenSSL 3 for what the platform needs: random bytes,
 * hex and base64, SHA-256, HMAC-SHA1/SHA256, the device login signature, constant-time
 * comparison, PBKDF2 password hashes stored as self-describing strings, random
 * identifiers and API keys. (CRC-32C lives in platform/crc32c.h.)
 *
 * Conventions: functions return 0 or a negative errno (-EINVAL bad input, -ENOSPC
 * output too small, -EACCES a verification that did not match, -EIO the random source
 * or OpenSSL failed). Output strings are always NUL-terminated on success and left
 * unspecified on failure. No function allocates through mem_*; all are thread-safe.
 */
#ifndef PLATFORM_CRYPTO_H
#define PLATFORM_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CRYPTO_SHA1_LEN   20
#define CRYPTO_SHA256_LEN 32

/* --- random --------------------------------------------------------------------- */

/* Fill out[0..n) from the kernel CSPRNG (getrandom), falling back to OpenSSL's
 * RAND_bytes where getrandom is unavailable. 0 or -EIO. */
int crypto_random_bytes(void *out, size_t n);

/* --- comparison ----------------------------------------------------------------- */

/* a[0..n) == b[0..n), in time that depends only on n. */
bool crypto_equal(const void *a, const void *b, size_t n);

/* --- hex ------------------------------------------------------------------------ */

/* Lower-case hex of in[0..n) into out (needs 2n+1 bytes). 0 or -ENOSPC. */
int crypto_hex_encode(const void *in, size_t n, char *out, size_t out_size);

/* Decode len hex digits (either case) into out; *out_len = len/2.
 * -EINVAL on an odd length or a non-hex character, -ENOSPC if out is too small. */
int crypto_hex_decode(const char *in, size_t len, void *out, size_t out_size, size_t *out_len);

/* --- base64 --------------------------------------------------------------------- */

/* Flags: the default is RFC 4648 §4 (`+/`, `=` padding). */
#define CRYPTO_B64_URL   1 /* RFC 4648 §5 alphabet (`-_`) */
#define CRYPTO_B64_NOPAD 2 /* encode without `=` padding */

/* Characters crypto_b64_encode writes for n bytes (without the NUL). */
size_t crypto_b64_encoded_len(size_t n, int flags);

/* Most bytes len base64 characters can decode to. */
size_t crypto_b64_decoded_max(size_t len);

/* Base64 of in[0..n) into out (needs crypto_b64_encoded_len()+1). 0 or -ENOSPC. */
int crypto_b64_encode(const void *in, size_t n, int flags, char *out, size_t out_size);

/* Decode in[0..len) (alphabet chosen by flags; padding optional, but if present it
 * must be exact). Strict: no whitespace, no characters outside the alphabet, no
 * non-zero bits after the last byte (each byte string has one encoding).
 * -EINVAL on malformed input, -ENOSPC if out is too small. */
int crypto_b64_decode(const char *in, size_t len, int flags, void *out, size_t out_size,
                      size_t *out_len);

/* --- digests and MACs ----------------------------------------------------------- */

/* SHA-256 of p[0..n). 0 or -EIO. */
int crypto_sha256(const void *p, size_t n, uint8_t out[CRYPTO_SHA256_LEN]);

/* HMAC-SHA256 / HMAC-SHA1 of msg under key (any key length, including 0). 0 or -EIO. */
int crypto_hmac_sha256(const void *key, size_t key_len, const void *msg, size_t n,
                       uint8_t out[CRYPTO_SHA256_LEN]);
int crypto_hmac_sha1(const void *key, size_t key_len, const void *msg, size_t n,
                     uint8_t out[CRYPTO_SHA1_LEN]);

/* PBKDF2-HMAC-SHA256 (RFC 8018) of password and salt: out_len bytes into out.
 * iterations >= 1; lengths up to INT_MAX. 0, -EINVAL or -EIO. */
int crypto_pbkdf2_sha256(const void *password, size_t password_len, const void *salt,
                         size_t salt_len, uint32_t iterations, uint8_t *out, size_t out_len);

/* --- device login signature ----------------------------------------------------- */

/* The HMAC a device signs its login with (MQTT password). */
enum crypto_sign_method {
    CRYPTO_SIGN_HMAC_SHA1,
    CRYPTO_SIGN_HMAC_SHA256,
};

/* "hmacsha1" | "hmacsha256" (any case). 0 or -EINVAL. */
int crypto_sign_method_parse(const char *s, enum crypto_sign_method *out);

/* The fields a device signs. timestamp may be NULL (or "") when the device sends none. */
struct crypto_device_login {
    const char *client_id;
    const char *device_name;
    const char *product_key;
    const char *timestamp;
};

/* Hex digits of the longest signature, plus the NUL. */
#define CRYPTO_DEVICE_SIGN_HEX_SIZE (2 * CRYPTO_SHA256_LEN + 1)

/* Lower-case hex HMAC, keyed by the device secret, of
 * `clientId{client_id}deviceName{device_name}productKey{product_key}timestamp{timestamp}`
 * (the timestamp part omitted when there is none). 0, -ENOSPC or -EIO. */
int crypto_device_sign(enum crypto_sign_method method, const char *secret, size_t secret_len,
                       const struct crypto_device_login *login, char *out, size_t out_size);

/* Check a presented signature (hex, either case) in constant time.
 * 0 if it matches, -EACCES if not (including a wrong length or non-hex text), -EIO. */
int crypto_device_verify(enum crypto_sign_method method, const char *secret, size_t secret_len,
                         const struct crypto_device_login *login, const char *presented,
                         size_t presented_len);

/* --- password hashes ------------------------------------------------------------ */

/*
 * Stored form: `$pbkdf2-sha256$i=<iterations>$<salt>$<hash>`, salt and hash in
 * base64 without padding (the PHC string format). Hashing uses a 16-byte random salt
 * and a 32-byte hash; verification accepts 8..64-byte salts and 16..64-byte hashes.
 */
#define CRYPTO_PBKDF2_MIN_ITERATIONS     1000
#define CRYPTO_PBKDF2_MAX_ITERATIONS     10000000
#define CRYPTO_PBKDF2_DEFAULT_ITERATIONS 100000
#define CRYPTO_PASSWORD_HASH_SIZE        128  /* enough for what crypto_password_hash writes */
#define CRYPTO_PASSWORD_MAX_LEN          1024 /* longest password accepted */

/* Hash password[0..len) with a fresh random salt into out (NUL-terminated).
 * -EINVAL if iterations are outside [MIN, MAX] or len > CRYPTO_PASSWORD_MAX_LEN,
 * -ENOSPC, -EIO. */
int crypto_password_hash(const char *password, size_t len, uint32_t iterations, char *out,
                         size_t out_size);

/* Check password[0..len) against a stored string, in constant time over the hash.
 * 0 on a match, -EACCES on a mismatch, -EINVAL if stored is not a well-formed string of
 * the format above (unknown scheme, iterations out of range, bad base64), -EIO. */
int crypto_password_verify(const char *password, size_t len, const char *stored);

/* --- identifiers ---------------------------------------------------------------- */

enum crypto_id_alphabet {
    CRYPTO_ID_BASE32, /* a-z 2-7 (RFC 4648 base32, lower case): 5 bits a character */
    CRYPTO_ID_BASE62, /* 0-9 A-Z a-z: about 5.95 bits a character */
};

/* len uniformly random characters of the alphabet, then a NUL (out_size >= len+1).
 * URL-, file- and MQTT-topic-safe. 0, -EINVAL (len 0), -ENOSPC or -EIO. */
int crypto_random_id(enum crypto_id_alphabet alphabet, size_t len, char *out, size_t out_size);

/* Characters of an API key's random part (43 base62 characters carry 256 bits). */
#define CRYPTO_API_KEY_RANDOM_CHARS 43
#define CRYPTO_API_KEY_PREFIX_MAX   16

/* A new API key secret `<prefix>_<43 base62 characters>`. The prefix (1..16 characters
 * of a-z and 0-9) makes a leaked key recognisable; store only its hash.
 * 0, -EINVAL (bad prefix), -ENOSPC or -EIO. */
int crypto_api_key_new(const char *prefix, char *out, size_t out_size);

#endif
