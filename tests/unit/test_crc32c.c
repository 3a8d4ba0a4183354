/* Tests of crc32c: published vectors (RFC 3720 B.4), chaining, hardware vs. portable. */
#include "tests/support/test.h"

#include "platform/crc32c.h"
#include "platform/mem.h"

#include <stdlib.h>
#include <string.h>

static void test_crc32c_vectors(void **state)
{
    (void)state;
    uint8_t b[48];
    assert_int_equal(crc32c_update(0, "123456789", 9), 0xE3069283u);
    assert_int_equal(crc32c_update_sw(0, "123456789", 9), 0xE3069283u);
    assert_int_equal(crc32c_update(0, NULL, 0), 0);
    assert_int_equal(crc32c_update(0x12345678u, NULL, 0), 0x12345678u);
    /* RFC 3720 appendix B.4 */
    memset(b, 0, 32);
    assert_int_equal(crc32c_update(0, b, 32), 0x8A9136AAu);
    memset(b, 0xff, 32);
    assert_int_equal(crc32c_update(0, b, 32), 0x62A8AB43u);
    for (int i = 0; i < 32; i++)
        b[i] = (uint8_t)i;
    assert_int_equal(crc32c_update(0, b, 32), 0x46DD794Eu);
    for (int i = 0; i < 32; i++)
        b[i] = (uint8_t)(31 - i);
    assert_int_equal(crc32c_update(0, b, 32), 0x113FDB5Cu);
    static const uint8_t pdu[48] = {
        0x01, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
        0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18, 0x28, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    };
    assert_int_equal(crc32c_update(0, pdu, sizeof(pdu)), 0xD9963A56u);
    assert_int_equal(crc32c_update_sw(0, pdu, sizeof(pdu)), 0xD9963A56u);
}

static uint8_t *random_block(size_t n, unsigned seed)
{
    uint8_t *p = mem_alloc(n);
    assert_non_null(p);
    srand(seed);
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)rand();
    return p;
}

/* Every length around the lane boundaries of the accelerated path, at every alignment,
 * must agree with the portable table. */
static void test_crc32c_hw_matches_sw(void **state)
{
    (void)state;
    size_t n = 3 * 8192 * 2 + 3 * 256 * 3 + 64;
    uint8_t *p = random_block(n + 8, 7);
    for (size_t len = 0; len <= n; len += len < 1024 ? 1 : 253) {
        for (size_t off = 0; off < 8; off += 3)
            assert_int_equal(crc32c_update(0, p + off, len), crc32c_update_sw(0, p + off, len));
    }
    const size_t edges[] = {767, 768, 769, 24575, 24576, 24577, 49152 + 768, n};
    for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
        assert_int_equal(crc32c_update(0, p, edges[i]), crc32c_update_sw(0, p, edges[i]));
    mem_free(p);
}

static void test_crc32c_chains(void **state)
{
    (void)state;
    size_t n = 100000;
    uint8_t *p = random_block(n, 11);
    uint32_t whole = crc32c_update(0, p, n);
    const size_t cuts[] = {0, 1, 7, 8, 255, 769, 24577, 50001, n};
    for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
        size_t k = cuts[i];
        assert_int_equal(crc32c_update(crc32c_update(0, p, k), p + k, n - k), whole);
        assert_int_equal(crc32c_update_sw(crc32c_update(0, p, k), p + k, n - k), whole);
    }
    /* One flipped bit anywhere changes the checksum. */
    p[n / 2] ^= 0x10;
    assert_int_not_equal(crc32c_update(0, p, n), whole);
    mem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc32c_vectors),
        cmocka_unit_test(test_crc32c_hw_matches_sw),
        cmocka_unit_test(test_crc32c_chains),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
