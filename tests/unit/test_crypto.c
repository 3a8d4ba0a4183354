/* Tests of crypto: published vectors (RFC 4231, RFC 2202, RFC 4648, PBKDF2-SHA256),
 * strict decoders, device signatures, password strings, random identifiers. */
#include "tests/support/test.h"

#include "platform/crypto.h"

#include <errno.h>
#include <string.h>

/* Hex of a byte string, for comparing digests against published vectors. */
static const char *hex(const uint8_t *p, size_t n)
{
    static char out[256];
    assert_int_equal(crypto_hex_encode(p, n, out, sizeof(out)), 0);
    return out;
}

static void test_sha256(void **state)
{
    (void)state;
    uint8_t d[CRYPTO_SHA256_LEN];
    assert_int_equal(crypto_sha256("abc", 3, d), 0);
    assert_string_equal(hex(d, sizeof(d)),
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_int_equal(crypto_sha256(NULL, 0, d), 0);
    assert_string_equal(hex(d, sizeof(d)),
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

struct hmac_vector {
    uint8_t key_byte; /* key is key_len copies of key_byte, or key_str if set */
    size_t key_len;
    const char *key_str;
    const char *msg;
    uint8_t msg_byte; /* if msg is NULL: msg_len copies of msg_byte */
    size_t msg_len;
    const char *sha256; /* RFC 4231 */
    const char *sha1;   /* RFC 2202 (same inputs where the RFCs share a case) */
};

static const struct hmac_vector hmac_vectors[] = {
    {0x0b, 20, NULL, "Hi There", 0, 0,
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
     "b617318655057264e28bc0b6fb378c8ef146be00"},
    {0, 4, "Jefe", "what do ya want for nothing?", 0, 0,
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
     "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
    {0xaa, 20, NULL, NULL, 0xdd, 50,
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
     "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
    {0xaa, 131, NULL, "Test Using Larger Than Block-Size Key - Hash Key First", 0, 0,
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", NULL},
    {0xaa, 131, NULL,
     "This is a test using a larger than block-size key and a larger than block-size data. "
     "The key needs to be hashed before being used by the HMAC algorithm.",
     0, 0, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2", NULL},
    {0xaa, 80, NULL, "Test Using Larger Than Block-Size Key - Hash Key First", 0, 0, NULL,
     "aa4ae5e15272d00e95705637ce8a3b55ed402112"},
    {0xaa, 80, NULL, "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data", 0,
     0, NULL, "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"},
};

static void test_hmac_vectors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(hmac_vectors) / sizeof(hmac_vectors[0]); i++) {
        const struct hmac_vector *v = &hmac_vectors[i];
        uint8_t key[131], msg[64], d[CRYPTO_SHA256_LEN];
        memset(key, v->key_byte, sizeof(key));
        if (v->key_str)
            memcpy(key, v->key_str, v->key_len);
        const void *m = v->msg;
        size_t mlen = v->msg ? strlen(v->msg) : v->msg_len;
        if (!v->msg) {
            memset(msg, v->msg_byte, v->msg_len);
            m = msg;
        }
        if (v->sha256) {
            assert_int_equal(crypto_hmac_sha256(key, v->key_len, m, mlen, d), 0);
            assert_string_equal(hex(d, CRYPTO_SHA256_LEN), v->sha256);
        }
        if (v->sha1) {
            assert_int_equal(crypto_hmac_sha1(key, v->key_len, m, mlen, d), 0);
            assert_string_equal(hex(d, CRYPTO_SHA1_LEN), v->sha1);
        }
    }
    /* RFC 4231 test case 4: key 0x01..0x19, data 50 x 0xcd. */
    uint8_t key[25], msg[50], d[CRYPTO_SHA256_LEN];
    for (int i = 0; i < 25; i++)
        key[i] = (uint8_t)(i + 1);
    memset(msg, 0xcd, sizeof(msg));
    assert_int_equal(crypto_hmac_sha256(key, sizeof(key), msg, sizeof(msg), d), 0);
    assert_string_equal(hex(d, CRYPTO_SHA256_LEN),
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    assert_int_equal(crypto_hmac_sha1(key, sizeof(key), msg, sizeof(msg), d), 0);
    assert_string_equal(hex(d, CRYPTO_SHA1_LEN), "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
    /* An empty key and an empty message are legal. */
    assert_int_equal(crypto_hmac_sha256(NULL, 0, NULL, 0, d), 0);
    assert_string_equal(hex(d, CRYPTO_SHA256_LEN),
                        "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

static void test_pbkdf2_sha256_vectors(void **state)
{
    (void)state;
    uint8_t d[40];
    assert_int_equal(crypto_pbkdf2_sha256("password", 8, "salt", 4, 1, d, 32), 0);
    assert_string_equal(hex(d, 32),
                        "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    assert_int_equal(crypto_pbkdf2_sha256("password", 8, "salt", 4, 2, d, 32), 0);
    assert_string_equal(hex(d, 32),
                        "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43");
    assert_int_equal(crypto_pbkdf2_sha256("password", 8, "salt", 4, 4096, d, 32), 0);
    assert_string_equal(hex(d, 32),
                        "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
    assert_int_equal(crypto_pbkdf2_sha256("passwordPASSWORDpassword", 24,
                                          "saltSALTsaltSALTsaltSALTsaltSALTsalt", 36, 4096, d, 40),
                     0);
    assert_string_equal(hex(d, 40), "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd"
                                    "53e1c635518c7dac47e9");
    assert_int_equal(crypto_pbkdf2_sha256("pass\0word", 9, "sa\0lt", 5, 4096, d, 16), 0);
    assert_string_equal(hex(d, 16), "89b69d0516f829893c696226650a8687");
    assert_int_equal(crypto_pbkdf2_sha256("p", 1, "s", 1, 0, d, 16), -EINVAL);
    assert_int_equal(crypto_pbkdf2_sha256("p", 1, "s", 1, 1, d, 0), -EINVAL);
}

static void test_hex(void **state)
{
    (void)state;
    char out[16];
    uint8_t b[8];
    size_t n;
    assert_int_equal(crypto_hex_encode("foobar", 6, out, sizeof(out)), 0);
    assert_string_equal(out, "666f6f626172");
    assert_int_equal(crypto_hex_encode("foobar", 6, out, 12), -ENOSPC);
    assert_int_equal(crypto_hex_encode("", 0, out, 1), 0);
    assert_string_equal(out, "");
    assert_int_equal(crypto_hex_decode("666F6f626172", 12, b, sizeof(b), &n), 0);
    assert_int_equal(n, 6);
    assert_memory_equal(b, "foobar", 6);
    assert_int_equal(crypto_hex_decode("666", 3, b, sizeof(b), &n), -EINVAL);
    assert_int_equal(crypto_hex_decode("6g", 2, b, sizeof(b), &n), -EINVAL);
    assert_int_equal(crypto_hex_decode("g6", 2, b, sizeof(b), &n), -EINVAL);
    assert_int_equal(crypto_hex_decode(" 6", 2, b, sizeof(b), &n), -EINVAL);
    assert_int_equal(crypto_hex_decode("666f6f", 6, b, 2, &n), -ENOSPC);
}

static void test_b64_rfc4648(void **state)
{
    (void)state;
    static const char *const plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *const enc[] = {"",         "Zg==",     "Zm8=",    "Zm9v",
                                      "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    static const char *const nopad[] = {"", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};
    for (size_t i = 0; i < 7; i++) {
        char out[16];
        uint8_t dec[16];
        size_t n, len = strlen(plain[i]);
        assert_int_equal(crypto_b64_encoded_len(len, 0), strlen(enc[i]));
        assert_int_equal(crypto_b64_encode(plain[i], len, 0, out, sizeof(out)), 0);
        assert_string_equal(out, enc[i]);
        assert_int_equal(crypto_b64_encoded_len(len, CRYPTO_B64_NOPAD), strlen(nopad[i]));
        assert_int_equal(crypto_b64_encode(plain[i], len, CRYPTO_B64_NOPAD, out, sizeof(out)), 0);
        assert_string_equal(out, nopad[i]);
        assert_int_equal(crypto_b64_decode(enc[i], strlen(enc[i]), 0, dec, sizeof(dec), &n), 0);
        assert_int_equal(n, len);
        assert_memory_equal(dec, plain[i], len);
        assert_int_equal(crypto_b64_decode(nopad[i], strlen(nopad[i]), 0, dec, sizeof(dec), &n), 0);
        assert_int_equal(n, len);
        assert_memory_equal(dec, plain[i], len);
        assert_true(crypto_b64_decoded_max(strlen(enc[i])) >= len);
    }
}

static void test_b64_url_and_errors(void **state)
{
    (void)state;
    const uint8_t bin[] = {0xfb, 0xff, 0xbf};
    char out[8];
    uint8_t dec[8];
    size_t n;
    assert_int_equal(crypto_b64_encode(bin, 3, 0, out, sizeof(out)), 0);
    assert_string_equal(out, "+/+/");
    assert_int_equal(crypto_b64_encode(bin, 3, CRYPTO_B64_URL, out, sizeof(out)), 0);
    assert_string_equal(out, "-_-_");
    assert_int_equal(crypto_b64_decode("-_-_", 4, CRYPTO_B64_URL, dec, sizeof(dec), &n), 0);
    assert_memory_equal(dec, bin, 3);
    assert_int_equal(crypto_b64_decode("-_-_", 4, 0, dec, sizeof(dec), &n), -EINVAL);
    assert_int_equal(crypto_b64_decode("+/+/", 4, CRYPTO_B64_URL, dec, sizeof(dec), &n), -EINVAL);
    assert_int_equal(crypto_b64_encode(bin, 3, 0, out, 4), -ENOSPC);

    const char *bad[] = {"Z",     "Zm9vY", "Zg=",  "Zg===", "Z===",   "Zm8==",   "Zm=8",
                         "Zm 9v", "Zh==",  "Zm9=", "====",  "Zm9v\n", "Zg==Zg=="};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(crypto_b64_decode(bad[i], strlen(bad[i]), 0, dec, sizeof(dec), &n),
                         -EINVAL);
    assert_int_equal(crypto_b64_decode("Zm9vYmFy", 8, 0, dec, 5, &n), -ENOSPC);
}

static void test_equal(void **state)
{
    (void)state;
    assert_true(crypto_equal("abcd", "abcd", 4));
    assert_false(crypto_equal("abcd", "abce", 4));
    assert_true(crypto_equal("a", "b", 0));
}

static void test_device_sign(void **state)
{
    (void)state;
    struct crypto_device_login l = {"12345", "device", "pk", "789"};
    char sig[CRYPTO_DEVICE_SIGN_HEX_SIZE];
    /* Expected values computed independently (Python hmac) over
     * "clientId12345deviceNamedeviceproductKeypktimestamp789". */
    assert_int_equal(crypto_device_sign(CRYPTO_SIGN_HMAC_SHA256, "secret", 6, &l, sig, sizeof(sig)),
                     0);
    assert_string_equal(sig, "6074a46a91b1ebb2cc4ea42790ad0e80202c9843859fc292e57c4eb19fad9e57");
    assert_int_equal(crypto_device_verify(CRYPTO_SIGN_HMAC_SHA256, "secret", 6, &l, sig, 64), 0);
    /* Upper-case hex is the same signature. */
    char upper[65];
    for (int i = 0; i < 65; i++)
        upper[i] = (char)(sig[i] >= 'a' && sig[i] <= 'f' ? sig[i] - 32 : sig[i]);
    assert_int_equal(crypto_device_verify(CRYPTO_SIGN_HMAC_SHA256, "secret", 6, &l, upper, 64), 0);
    sig[10] = sig[10] == '0' ? '1' : '0';
    assert_int_equal(crypto_device_verify(CRYPTO_SIGN_HMAC_SHA256, "secret", 6, &l, sig, 64),
                     -EACCES);
    assert_int_equal(crypto_device_verify(CRYPTO_SIGN_HMAC_SHA256, "secret", 6, &l, sig, 40),
                     -EACCES);
    assert_int_equal(crypto_device_verify(CRYPTO_SIGN_HMAC_SHA256, "secret", 6, &l,
                                          "zz74a46a91b1ebb2cc4ea42790ad0e80202c9843859fc292e57c4eb"
                                          "19fad9e57",
                                          64),
                     -EACCES);

    /* No timestamp: the "timestamp" part is left out of the signed text. */
    struct crypto_device_login nots = {"12345", "device", "pk", NULL};
    assert_int_equal(
        crypto_device_sign(CRYPTO_SIGN_HMAC_SHA1, "secret", 6, &nots, sig, sizeof(sig)), 0);
    assert_string_equal(sig, "3504e4df7ce4766d30f796ee973c9ce7fc5425cb");
    nots.timestamp = "";
    assert_int_equal(crypto_device_verify(CRYPTO_SIGN_HMAC_SHA1, "secret", 6, &nots, sig, 40), 0);
    assert_int_equal(crypto_device_verify(CRYPTO_SIGN_HMAC_SHA1, "other", 5, &nots, sig, 40),
                     -EACCES);
    assert_int_equal(crypto_device_sign(CRYPTO_SIGN_HMAC_SHA1, "secret", 6, &nots, sig, 40),
                     -ENOSPC);

    enum crypto_sign_method m;
    assert_int_equal(crypto_sign_method_parse("HmacSHA256", &m), 0);
    assert_int_equal(m, CRYPTO_SIGN_HMAC_SHA256);
    assert_int_equal(crypto_sign_method_parse("hmacsha1", &m), 0);
    assert_int_equal(m, CRYPTO_SIGN_HMAC_SHA1);
    assert_int_equal(crypto_sign_method_parse("hmacmd5", &m), -EINVAL);
}

static void test_password_roundtrip(void **state)
{
    (void)state;
    char h1[CRYPTO_PASSWORD_HASH_SIZE], h2[CRYPTO_PASSWORD_HASH_SIZE];
    assert_int_equal(crypto_password_hash("hunter2", 7, 1000, h1, sizeof(h1)), 0);
    assert_int_equal(crypto_password_hash("hunter2", 7, 1000, h2, sizeof(h2)), 0);
    assert_int_equal(strncmp(h1, "$pbkdf2-sha256$i=1000$", 22), 0);
    assert_int_equal(strlen(h1), 22 + 22 + 1 + 43);
    assert_string_not_equal(h1, h2); /* fresh salt each time */
    assert_int_equal(crypto_password_verify("hunter2", 7, h1), 0);
    assert_int_equal(crypto_password_verify("hunter2", 7, h2), 0);
    assert_int_equal(crypto_password_verify("hunter3", 7, h1), -EACCES);
    assert_int_equal(crypto_password_verify("hunter", 6, h1), -EACCES);
    assert_int_equal(crypto_password_verify("", 0, h1), -EACCES);

    assert_int_equal(crypto_password_hash("x", 1, 999, h1, sizeof(h1)), -EINVAL);
    assert_int_equal(crypto_password_hash("x", 1, CRYPTO_PBKDF2_MAX_ITERATIONS + 1, h1, sizeof(h1)),
                     -EINVAL);
    assert_int_equal(crypto_password_hash("x", 1, 1000, h1, 40), -ENOSPC);
    static char big[CRYPTO_PASSWORD_MAX_LEN + 1];
    assert_int_equal(crypto_password_hash(big, sizeof(big), 1000, h1, sizeof(h1)), -EINVAL);
}

static void test_password_known_string(void **state)
{
    (void)state;
    /* Salt "saltSALTsaltSALT" (16 bytes), 4096 iterations, password "password": the hash
     * is PBKDF2-HMAC-SHA256 computed independently (Python hashlib). */
    const char *stored = "$pbkdf2-sha256$i=4096$c2FsdFNBTFRzYWx0U0FMVA$"
                         "kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo";
    assert_int_equal(crypto_password_verify("password", 8, stored), 0);
    assert_int_equal(crypto_password_verify("Password", 8, stored), -EACCES);
    /* Padding is accepted too. */
    const char *padded = "$pbkdf2-sha256$i=4096$c2FsdFNBTFRzYWx0U0FMVA==$"
                         "kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo=";
    assert_int_equal(crypto_password_verify("password", 8, padded), 0);
}

static void test_password_malformed(void **state)
{
    (void)state;
    const char *bad[] = {
        "",
        "password",
        "$pbkdf2-sha512$i=4096$c2FsdFNBTFRzYWx0U0FMVA$kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo",
        "$pbkdf2-sha256$4096$c2FsdFNBTFRzYWx0U0FMVA$kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo",
        "$pbkdf2-sha256$i=$c2FsdFNBTFRzYWx0U0FMVA$kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo",
        "$pbkdf2-sha256$i=04096$c2FsdFNBTFRzYWx0U0FMVA$kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo",
        "$pbkdf2-sha256$i=-4096$c2FsdFNBTFRzYWx0U0FMVA$kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo",
        "$pbkdf2-sha256$i=999$c2FsdFNBTFRzYWx0U0FMVA$kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo",
        "$pbkdf2-sha256$i=999999999$c2FsdFNBTFRzYWx0U0FMVA$TZA6XRWXATRWp7o5CsyUZ8ygSwLljM4ikGTGujp",
        "$pbkdf2-sha256$i=4096$c2FsdA$kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo", /* 4-byte salt
                                                                                     */
        "$pbkdf2-sha256$i=4096$c2FsdFNBTFRzYWx0U0FMVA$TZA6XRWXATRW",                /* short hash */
        "$pbkdf2-sha256$i=4096$c2FsdFNBTFRzYWx0U0FMVA",
        "$pbkdf2-sha256$i=4096$c2FsdFNBTFRzYWx0U0FMVA$kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo$",
        "$pbkdf2-sha256$i=4096$c2Fs!FNBTFRzYWx0U0FMVA$kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(crypto_password_verify("password", 8, bad[i]), -EINVAL);
}

static void test_random(void **state)
{
    (void)state;
    uint8_t a[32] = {0}, b[32] = {0}, zero[32] = {0};
    assert_int_equal(crypto_random_bytes(a, sizeof(a)), 0);
    assert_int_equal(crypto_random_bytes(b, sizeof(b)), 0);
    assert_memory_not_equal(a, zero, sizeof(a));
    assert_memory_not_equal(a, b, sizeof(a));
    assert_int_equal(crypto_random_bytes(a, 0), 0);
}

static void check_alphabet(const char *s, const char *alphabet)
{
    for (; *s; s++)
        assert_non_null(strchr(alphabet, *s));
}

static void test_random_ids(void **state)
{
    (void)state;
    char id[64], id2[64];
    assert_int_equal(crypto_random_id(CRYPTO_ID_BASE32, 26, id, sizeof(id)), 0);
    assert_int_equal(strlen(id), 26);
    check_alphabet(id, "abcdefghijklmnopqrstuvwxyz234567");
    assert_int_equal(crypto_random_id(CRYPTO_ID_BASE32, 26, id2, sizeof(id2)), 0);
    assert_string_not_equal(id, id2);
    assert_int_equal(crypto_random_id(CRYPTO_ID_BASE62, 63, id, sizeof(id)), 0);
    check_alphabet(id, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    assert_int_equal(crypto_random_id(CRYPTO_ID_BASE62, 64, id, sizeof(id)), -ENOSPC);
    assert_int_equal(crypto_random_id(CRYPTO_ID_BASE62, 0, id, sizeof(id)), -EINVAL);
    assert_int_equal(crypto_random_id((enum crypto_id_alphabet)7, 4, id, sizeof(id)), -EINVAL);

    /* Every symbol of the alphabet shows up in a long run (a biased or truncated
     * mapping would miss some). */
    static char longid[62 * 200 + 1];
    assert_int_equal(crypto_random_id(CRYPTO_ID_BASE62, sizeof(longid) - 1, longid, sizeof(longid)),
                     0);
    const char *abc = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    for (const char *c = abc; *c; c++)
        assert_non_null(strchr(longid, *c));
}

static void test_api_key(void **state)
{
    (void)state;
    char key[80];
    assert_int_equal(crypto_api_key_new("iotk", key, sizeof(key)), 0);
    assert_int_equal(strlen(key), 5 + CRYPTO_API_KEY_RANDOM_CHARS);
    assert_int_equal(strncmp(key, "iotk_", 5), 0);
    check_alphabet(key + 5, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    assert_int_equal(crypto_api_key_new("", key, sizeof(key)), -EINVAL);
    assert_int_equal(crypto_api_key_new("Bad", key, sizeof(key)), -EINVAL);
    assert_int_equal(crypto_api_key_new("a_b", key, sizeof(key)), -EINVAL);
    assert_int_equal(crypto_api_key_new("abcdefghijklmnopq", key, sizeof(key)), -EINVAL);
    assert_int_equal(crypto_api_key_new("iotk", key, 48), -ENOSPC);
    assert_int_equal(crypto_api_key_new("iotk", key, 49), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_hmac_vectors),
        cmocka_unit_test(test_pbkdf2_sha256_vectors),
        cmocka_unit_test(test_hex),
        cmocka_unit_test(test_b64_rfc4648),
        cmocka_unit_test(test_b64_url_and_errors),
        cmocka_unit_test(test_equal),
        cmocka_unit_test(test_device_sign),
        cmocka_unit_test(test_password_roundtrip),
        cmocka_unit_test(test_password_known_string),
        cmocka_unit_test(test_password_malformed),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_random_ids),
        cmocka_unit_test(test_api_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
