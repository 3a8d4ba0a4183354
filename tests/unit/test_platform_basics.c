/* Tests of the small platform modules: mem (failure injection), buf, addr, log. */
#include "tests/support/test.h"

#include "platform/addr.h"
#include "platform/buf.h"
#include "platform/log.h"
#include "platform/mem.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

static void test_mem_fail_after(void **state)
{
    (void)state;
    mem_fail_after(2);
    void *a = mem_alloc(8), *b = mem_alloc(8), *c = mem_alloc(8);
    assert_non_null(a);
    assert_non_null(b);
    assert_null(c);
    assert_int_equal(mem_injected_failures(), 1);
    mem_fail_after(-1);
    c = mem_alloc(8);
    assert_non_null(c);
    mem_free(a);
    mem_free(b);
    mem_free(c);
    assert_null(mem_calloc(SIZE_MAX / 2, 4));
}

static void test_buf_roundtrip(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    assert_int_equal(buf_append_u8(&b, 0xab), 0);
    assert_int_equal(buf_append_u16(&b, 0x1234), 0);
    assert_int_equal(buf_append_u32(&b, 0xdeadbeef), 0);
    assert_int_equal(buf_append_u64(&b, 0x0102030405060708ull), 0);
    assert_int_equal(buf_append_str16(&b, "hi", 2), 0);
    assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), 0);
    assert_int_equal(b.len, 1 + 2 + 4 + 8 + 4 + 4);

    struct buf_reader r;
    buf_reader_init(&r, b.data, b.len);
    assert_int_equal(buf_read_u8(&r), 0xab);
    assert_int_equal(buf_read_u16(&r), 0x1234);
    assert_int_equal(buf_read_u32(&r), 0xdeadbeef);
    assert_true(buf_read_u64(&r) == 0x0102030405060708ull);
    uint16_t n;
    const uint8_t *s = buf_read_str16(&r, &n);
    assert_int_equal(n, 2);
    assert_memory_equal(s, "hi", 2);
    assert_memory_equal(buf_read_bytes(&r, 4), "42-x", 4);
    assert_false(r.err);
    assert_int_equal(buf_reader_left(&r), 0);
    assert_int_equal(buf_read_u32(&r), 0);
    assert_true(r.err);

    buf_consume(&b, 3);
    assert_int_equal(b.data[0], 0xde);
    assert_int_equal(buf_append_str16(&b, "x", 70000), -EINVAL);
    buf_free(&b);
}

static void test_buf_reader_truncated_string(void **state)
{
    (void)state;
    const uint8_t in[] = {0x00, 0x05, 'a', 'b'};
    struct buf_reader r;
    buf_reader_init(&r, in, sizeof(in));
    uint16_t n = 99;
    assert_null(buf_read_str16(&r, &n));
    assert_int_equal(n, 0);
    assert_true(r.err);
}

static void test_buf_append_fails_cleanly(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    mem_fail_after(0);
    assert_int_equal(buf_append(&b, "abc", 3), -ENOMEM);
    mem_fail_after(-1);
    assert_int_equal(b.len, 0);
    assert_null(b.data);
}

static void test_addr(void **state)
{
    (void)state;
    char host[64];
    uint16_t port;
    assert_int_equal(addr_split("127.0.0.1:1883", host, sizeof(host), &port), 0);
    assert_string_equal(host, "127.0.0.1");
    assert_int_equal(port, 1883);
    assert_int_equal(addr_split("[::1]:8080", host, sizeof(host), &port), 0);
    assert_string_equal(host, "::1");
    assert_int_equal(addr_split("unit-a:7000", host, sizeof(host), &port), 0);
    assert_string_equal(host, "unit-a");
    assert_int_equal(addr_split(":9", host, sizeof(host), &port), 0);
    assert_string_equal(host, "");
    assert_int_equal(addr_split("1.2.3.4", host, sizeof(host), &port), -EINVAL);
    assert_int_equal(addr_split("1.2.3.4:0", host, sizeof(host), &port), -EINVAL);
    assert_int_equal(addr_split("1.2.3.4:65536", host, sizeof(host), &port), -EINVAL);
    assert_int_equal(addr_split("::1:80", host, sizeof(host), &port), -EINVAL);
    assert_int_equal(addr_split("h:12x", host, sizeof(host), &port), -EINVAL);

    struct sockaddr_storage ss;
    char out[64];
    assert_int_equal(addr_parse_numeric("10.0.0.1:99", &ss), 0);
    assert_string_equal(addr_format((struct sockaddr *)&ss, out, sizeof(out)), "10.0.0.1:99");
    assert_int_equal(addr_parse_numeric("[::1]:5", &ss), 0);
    assert_string_equal(addr_format((struct sockaddr *)&ss, out, sizeof(out)), "[::1]:5");
    assert_int_equal(addr_parse_numeric("localhost:5", &ss), -EINVAL);
}

static void test_log_line(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    log_set_fd(fds[1]);
    log_set_component("test/x");
    log_info("thing.happened", "a=%d b=%s", 1, "two");
    log_debug("hidden", "%s", "");
    char q[64];
    log_warn("quoted", "v=%s", log_quote("a b\"c", 5, q, sizeof(q)));
    log_set_fd(2);
    close(fds[1]);
    char got[512] = {0};
    ssize_t n = read(fds[0], got, sizeof(got) - 1);
    close(fds[0]);
    assert_true(n > 0);
    assert_non_null(strstr(got, " INFO test/x thing.happened a=1 b=two\n"));
    assert_null(strstr(got, "hidden"));
    assert_non_null(strstr(got, "WARN test/x quoted v=\"a b\\\"c\"\n"));
    enum log_level lv;
    assert_int_equal(log_level_parse("debug", &lv), 0);
    assert_int_equal(lv, LOG_LEVEL_DEBUG);
    assert_int_equal(log_level_parse("loud", &lv), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mem_fail_after),
        cmocka_unit_test(test_buf_roundtrip),
        cmocka_unit_test(test_buf_reader_truncated_string),
        cmocka_unit_test(test_buf_append_fails_cleanly),
        cmocka_unit_test(test_addr),
        cmocka_unit_test(test_log_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
