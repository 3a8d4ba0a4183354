/* crc32c — CRC-32C with SSE4.2 acceleration and a slicing-by-8 fallback (see crc32c.h). */
#include "platform/crc32c.h"

#include <pthread.h>
#include <string.h>

#define CRC32C_POLY 0x82F63B78u /* 0x1EDC6F41 bit-reversed */

static uint32_t table[8][256];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* table[0] is the classic byte table; table[k][b] is the CRC of b followed by k zero
 * bytes, so eight bytes can be folded with eight lookups (slicing-by-8). */
static void table_init(void)
{
    for (uint32_t b = 0; b < 256; b++) {
        uint32_t c = b;
        for (int i = 0; i < 8; i++)
            c = (c >> 1) ^ (CRC32C_POLY & (0u - (c & 1u)));
        table[0][b] = c;
    }
    for (int k = 1; k < 8; k++) {
        for (uint32_t b = 0; b < 256; b++) {
            uint32_t c = table[k - 1][b];
            table[k][b] = (c >> 8) ^ table[0][c & 0xff];
        }
    }
}

static uint64_t load_le64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

uint32_t crc32c_update_sw(uint32_t crc, const void *p, size_t len)
{
    pthread_once(&table_once, table_init);
    const uint8_t *s = p;
    uint32_t c = ~crc;
    while (len > 0 && ((uintptr_t)s & 7) != 0) {
        c = (c >> 8) ^ table[0][(c ^ *s++) & 0xff];
        len--;
    }
    while (len >= 8) {
        uint64_t v = load_le64(s) ^ c;
        c = table[7][v & 0xff] ^ table[6][(v >> 8) & 0xff] ^ table[5][(v >> 16) & 0xff] ^
            table[4][(v >> 24) & 0xff] ^ table[3][(v >> 32) & 0xff] ^ table[2][(v >> 40) & 0xff] ^
            table[1][(v >> 48) & 0xff] ^ table[0][v >> 56];
        s += 8;
        len -= 8;
    }
    while (len-- > 0)
        c = (c >> 8) ^ table[0][(c ^ *s++) & 0xff];
    return ~c;
}

#if defined(__x86_64__)
#include <nmmintrin.h>

/*
 * The crc32 instruction has a latency of three cycles and a throughput of one, so
 * long inputs are cut into three lanes computed in one loop, then the lanes' CRCs
 * are combined by "shifting" a CRC over a lane's length of zero bytes with a
 * precomputed operator table (the method of Mark Adler's crc32c.c).
 */
#define LANE_LONG  8192
#define LANE_SHORT 256

static uint32_t zeros_long[4][256];
static uint32_t zeros_short[4][256];

static uint32_t gf2_times(const uint32_t *mat, uint32_t vec)
{
    uint32_t sum = 0;
    for (; vec; vec >>= 1, mat++) {
        if (vec & 1)
            sum ^= *mat;
    }
    return sum;
}

static void gf2_square(uint32_t *square, const uint32_t *mat)
{
    for (int n = 0; n < 32; n++)
        square[n] = gf2_times(mat, mat[n]);
}

/* op = the operator that appends len zero bytes (len a power of two) to a CRC state. */
static void zeros_op(uint32_t *op, size_t len)
{
    uint32_t odd[32], even[32];
    odd[0] = CRC32C_POLY; /* one zero bit */
    for (int n = 1; n < 32; n++)
        odd[n] = 1u << (n - 1);
    gf2_square(even, odd); /* two bits */
    gf2_square(odd, even); /* four bits */
    for (;;) {
        gf2_square(even, odd); /* one byte, then 4, 16, ... */
        len >>= 1;
        if (len == 0) {
            memcpy(op, even, sizeof(even));
            return;
        }
        gf2_square(odd, even); /* two bytes, then 8, 32, ... */
        len >>= 1;
        if (len == 0) {
            memcpy(op, odd, sizeof(odd));
            return;
        }
    }
}

static void zeros_table(uint32_t zeros[4][256], size_t len)
{
    uint32_t op[32];
    zeros_op(op, len);
    for (uint32_t n = 0; n < 256; n++) {
        for (int k = 0; k < 4; k++)
            zeros[k][n] = gf2_times(op, n << (8 * k));
    }
}

static void hw_tables_init(void)
{
    zeros_table(zeros_long, LANE_LONG);
    zeros_table(zeros_short, LANE_SHORT);
}

static pthread_once_t hw_once = PTHREAD_ONCE_INIT;

static uint32_t shift(uint32_t zeros[4][256], uint32_t crc)
{
    return zeros[0][crc & 0xff] ^ zeros[1][(crc >> 8) & 0xff] ^ zeros[2][(crc >> 16) & 0xff] ^
           zeros[3][crc >> 24];
}

/* Three lanes of `lane` bytes each from s; returns the combined state. */
__attribute__((target("sse4.2"))) static uint64_t hw_lanes(uint64_t c0, const uint8_t *s,
                                                           size_t lane, uint32_t zeros[4][256])
{
    uint64_t c1 = 0, c2 = 0;
    const uint8_t *end = s + lane;
    while (s < end) {
        uint64_t v0, v1, v2;
        memcpy(&v0, s, 8);
        memcpy(&v1, s + lane, 8);
        memcpy(&v2, s + 2 * lane, 8);
        c0 = _mm_crc32_u64(c0, v0);
        c1 = _mm_crc32_u64(c1, v1);
        c2 = _mm_crc32_u64(c2, v2);
        s += 8;
    }
    c0 = shift(zeros, (uint32_t)c0) ^ c1;
    return shift(zeros, (uint32_t)c0) ^ c2;
}

__attribute__((target("sse4.2"))) static uint32_t crc32c_hw(uint32_t crc, const uint8_t *s,
                                                            size_t len)
{
    uint64_t c = ~crc;
    while (len > 0 && ((uintptr_t)s & 7) != 0) {
        c = _mm_crc32_u8((uint32_t)c, *s++);
        len--;
    }
    if (len >= 3 * LANE_SHORT)
        pthread_once(&hw_once, hw_tables_init);
    while (len >= 3 * LANE_LONG) {
        c = hw_lanes(c, s, LANE_LONG, zeros_long);
        s += 3 * LANE_LONG;
        len -= 3 * LANE_LONG;
    }
    while (len >= 3 * LANE_SHORT) {
        c = hw_lanes(c, s, LANE_SHORT, zeros_short);
        s += 3 * LANE_SHORT;
        len -= 3 * LANE_SHORT;
    }
    while (len >= 8) {
        uint64_t v;
        memcpy(&v, s, 8);
        c = _mm_crc32_u64(c, v);
        s += 8;
        len -= 8;
    }
    while (len-- > 0)
        c = _mm_crc32_u8((uint32_t)c, *s++);
    return ~(uint32_t)c;
}

bool crc32c_hw_available(void)
{
    return __builtin_cpu_supports("sse4.2");
}

uint32_t crc32c_update(uint32_t crc, const void *p, size_t len)
{
    if (crc32c_hw_available())
        return crc32c_hw(crc, p, len);
    return crc32c_update_sw(crc, p, len);
}
#else
bool crc32c_hw_available(void)
{
    return false;
}

uint32_t crc32c_update(uint32_t crc, const void *p, size_t len)
{
    return crc32c_update_sw(crc, p, len);
}
#endif
