/* Tests of jsonutil: parsing with limits, field checks and typed getters, ids, dump. */
#include "tests/support/test.h"

#include "platform/buf.h"
#include "platform/jsonutil.h"
#include "platform/mem.h"

#include <errno.h>
#include <string.h>

static json_t *parse_ok(const char *text)
{
    json_t *j;
    struct jsonutil_err e;
    assert_int_equal(jsonutil_parse_object(text, strlen(text), 4096, &j, &e), 0);
    return j;
}

static void expect_parse_error(const char *text, size_t max, int want_rc, const char *want)
{
    json_t *j = NULL;
    struct jsonutil_err e;
    assert_int_equal(jsonutil_parse_object(text, strlen(text), max, &j, &e), want_rc);
    assert_null(j);
    assert_string_equal(e.msg, want);
}

static void test_parse(void **state)
{
    (void)state;
    json_t *j;
    struct jsonutil_err e;
    assert_int_equal(jsonutil_parse("[1,2]", 5, 5, &j, &e), 0);
    assert_true(json_is_array(j));
    json_decref(j);
    /* Not NUL-terminated: only len bytes count. */
    assert_int_equal(jsonutil_parse("{}garbage", 2, 100, &j, &e), 0);
    json_decref(j);

    expect_parse_error("{\"a\":1}", 6, -E2BIG, "body is 7 bytes, over the limit of 6");
    expect_parse_error("", 10, -EINVAL, "empty input, a JSON document was expected");
    expect_parse_error("{\"a\":\n  1,}", 100, -EINVAL,
                       "invalid JSON at line 2 column 5: string or '}' expected near '}'");
    expect_parse_error("{\"a\":1,\"a\":2}", 100, -EINVAL,
                       "invalid JSON at line 1 column 10: duplicate object key near '\"a\"'");
    expect_parse_error("{\"a\":\"\\u0000\"}", 100, -EINVAL,
                       "invalid JSON at line 1 column 13: \\u0000 is not allowed without "
                       "JSON_ALLOW_NUL near '\"\\u0000\"'");
    expect_parse_error("[]", 100, -EINVAL, "a JSON object was expected");
    expect_parse_error("{} {}", 100, -EINVAL,
                       "invalid JSON at line 1 column 4: end of file expected near '{'");
}

static void test_check_fields(void **state)
{
    (void)state;
    json_t *j = parse_ok("{\"name\":\"x\",\"qos\":1,\"extra\":true}");
    struct jsonutil_err e;
    const char *const allowed[] = {"name", "qos", NULL};
    const char *const all[] = {"name", "qos", "extra", NULL};
    assert_int_equal(jsonutil_check_fields(j, allowed, &e), -EINVAL);
    assert_string_equal(e.msg, "unknown field \"extra\"");
    assert_int_equal(jsonutil_check_fields(j, all, &e), 0);
    json_t *arr = json_array();
    assert_int_equal(jsonutil_check_fields(arr, all, &e), -EINVAL);
    assert_string_equal(e.msg, "a JSON object was expected");
    json_decref(arr);
    json_decref(j);
}

static void test_getters(void **state)
{
    (void)state;
    json_t *j = parse_ok("{\"name\":\"dev-1\",\"empty\":\"\",\"qos\":1,\"big\":9000000000,"
                         "\"rate\":2.5,\"on\":true,\"nul\":null,\"obj\":{},\"arr\":[1,2,3]}");
    struct jsonutil_err e;
    const char *s = "untouched";
    int64_t n = -1;
    double d = -1;
    bool b = false;
    json_t *o = NULL;

    assert_int_equal(jsonutil_get_string(j, "name", JSONUTIL_REQUIRED, 64, &s, &e), 0);
    assert_string_equal(s, "dev-1");
    assert_int_equal(jsonutil_get_string(j, "empty", 0, 64, &s, &e), 0);
    assert_string_equal(s, "");
    assert_int_equal(jsonutil_get_string(j, "empty", JSONUTIL_NONEMPTY, 64, &s, &e), -EINVAL);
    assert_string_equal(e.msg, "field \"empty\" must be a non-empty string");
    assert_int_equal(jsonutil_get_string(j, "name", 0, 4, &s, &e), -EINVAL);
    assert_string_equal(e.msg, "field \"name\" must be at most 4 bytes long");
    assert_int_equal(jsonutil_get_string(j, "qos", 0, 4, &s, &e), -EINVAL);
    assert_string_equal(e.msg, "field \"qos\" must be a string");
    assert_int_equal(jsonutil_get_string(j, "nul", 0, 4, &s, &e), -EINVAL);
    s = "untouched";
    assert_int_equal(jsonutil_get_string(j, "missing", 0, 4, &s, &e), JSONUTIL_ABSENT);
    assert_string_equal(s, "untouched");
    assert_int_equal(jsonutil_get_string(j, "missing", JSONUTIL_REQUIRED, 4, &s, &e), -EINVAL);
    assert_string_equal(e.msg, "field \"missing\" is required");

    assert_int_equal(jsonutil_get_int(j, "qos", JSONUTIL_REQUIRED, 0, 2, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(jsonutil_get_int(j, "big", 0, 0, INT64_MAX, &n, &e), 0);
    assert_int_equal(n, 9000000000);
    assert_int_equal(jsonutil_get_int(j, "big", 0, 0, 2, &n, &e), -EINVAL);
    assert_string_equal(e.msg, "field \"big\" must be an integer between 0 and 2");
    assert_int_equal(jsonutil_get_int(j, "rate", 0, 0, 2, &n, &e), -EINVAL);
    assert_int_equal(jsonutil_get_int(j, "name", 0, 0, 2, &n, &e), -EINVAL);
    assert_int_equal(jsonutil_get_int(j, "missing", 0, 0, 2, &n, &e), JSONUTIL_ABSENT);

    assert_int_equal(jsonutil_get_number(j, "rate", 0, 0, 10, &d, &e), 0);
    assert_true(d == 2.5);
    assert_int_equal(jsonutil_get_number(j, "qos", 0, 0, 10, &d, &e), 0);
    assert_true(d == 1);
    assert_int_equal(jsonutil_get_number(j, "rate", 0, 0, 1, &d, &e), -EINVAL);
    assert_string_equal(e.msg, "field \"rate\" must be a number between 0 and 1");
    assert_int_equal(jsonutil_get_number(j, "on", 0, 0, 1, &d, &e), -EINVAL);

    assert_int_equal(jsonutil_get_bool(j, "on", 0, &b, &e), 0);
    assert_true(b);
    assert_int_equal(jsonutil_get_bool(j, "qos", 0, &b, &e), -EINVAL);
    assert_string_equal(e.msg, "field \"qos\" must be true or false");
    assert_int_equal(jsonutil_get_bool(j, "missing", 0, &b, &e), JSONUTIL_ABSENT);

    assert_int_equal(jsonutil_get_object(j, "obj", 0, &o, &e), 0);
    assert_true(json_is_object(o));
    assert_int_equal(jsonutil_get_object(j, "arr", 0, &o, &e), -EINVAL);
    assert_string_equal(e.msg, "field \"arr\" must be an object");
    assert_int_equal(jsonutil_get_array(j, "arr", 0, 3, &o, &e), 0);
    assert_int_equal(json_array_size(o), 3);
    assert_int_equal(jsonutil_get_array(j, "arr", 0, 2, &o, &e), -EINVAL);
    assert_string_equal(e.msg, "field \"arr\" must have at most 2 items");
    assert_int_equal(jsonutil_get_array(j, "obj", 0, 2, &o, &e), -EINVAL);
    assert_string_equal(e.msg, "field \"obj\" must be an array");
    assert_int_equal(jsonutil_get_array(j, "missing", JSONUTIL_REQUIRED, 2, &o, &e), -EINVAL);

    /* Not an object: every field is absent. */
    json_t *arr = json_array();
    assert_int_equal(jsonutil_get_int(arr, "x", 0, 0, 1, &n, &e), JSONUTIL_ABSENT);
    json_decref(arr);
    json_decref(j);
}

static void test_ids(void **state)
{
    (void)state;
    assert_true(jsonutil_id_valid("a"));
    assert_true(jsonutil_id_valid("0"));
    assert_true(jsonutil_id_valid("acme-corp_1.eu"));
    assert_false(jsonutil_id_valid(""));
    assert_false(jsonutil_id_valid("-a"));
    assert_false(jsonutil_id_valid(".a"));
    assert_false(jsonutil_id_valid("_a"));
    assert_false(jsonutil_id_valid("Acme"));
    assert_false(jsonutil_id_valid("a b"));
    assert_false(jsonutil_id_valid("a/b"));
    assert_false(jsonutil_id_valid("caf\xc3\xa9"));
    char id[JSONUTIL_ID_MAX + 2];
    memset(id, 'a', sizeof(id));
    id[JSONUTIL_ID_MAX] = '\0';
    assert_true(jsonutil_id_valid(id));
    id[JSONUTIL_ID_MAX] = 'a';
    id[JSONUTIL_ID_MAX + 1] = '\0';
    assert_false(jsonutil_id_valid(id));

    json_t *j = parse_ok("{\"tenant\":\"acme\",\"bad\":\"Acme\",\"n\":3}");
    struct jsonutil_err e;
    const char *s;
    assert_int_equal(jsonutil_get_id(j, "tenant", JSONUTIL_REQUIRED, &s, &e), 0);
    assert_string_equal(s, "acme");
    assert_int_equal(jsonutil_get_id(j, "bad", 0, &s, &e), -EINVAL);
    assert_string_equal(e.msg, "field \"bad\" must be an id: 1 to 63 of a-z, 0-9, '-', '_', '.', "
                               "starting with a letter or digit");
    assert_int_equal(jsonutil_get_id(j, "n", 0, &s, &e), -EINVAL);
    assert_int_equal(jsonutil_get_id(j, "missing", 0, &s, &e), JSONUTIL_ABSENT);
    /* An id with an embedded NUL (possible in values built in code) is refused. */
    assert_int_equal(json_object_set_new(j, "nul", json_stringn("ab\0c", 4)), 0);
    assert_int_equal(jsonutil_get_id(j, "nul", 0, &s, &e), -EINVAL);
    json_decref(j);
}

static void test_dump(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    assert_int_equal(buf_append(&b, ">", 1), 0);
    json_t *j = json_pack("{s:s, s:i}", "error", "x", "n", 1);
    assert_int_equal(jsonutil_dump(j, JSON_COMPACT | JSON_SORT_KEYS, &b), 0);
    assert_int_equal(b.len, 1 + strlen("{\"error\":\"x\",\"n\":1}"));
    assert_memory_equal(b.data, ">{\"error\":\"x\",\"n\":1}", b.len);
    json_t *num = json_integer(5);
    assert_int_equal(jsonutil_dump(num, JSON_COMPACT, &b), -EINVAL);
    assert_int_equal(jsonutil_dump(NULL, JSON_COMPACT, &b), -EINVAL);
    assert_int_equal(jsonutil_dump(num, JSON_ENCODE_ANY, &b), 0);
    assert_memory_equal(b.data + b.len - 1, "5", 1);
    json_decref(num);

    /* Out of memory (in the buffer: -ENOMEM; inside jansson: -EINVAL): the buffer
     * is left as it was. */
    struct buf empty;
    buf_init(&empty);
    int rc, saw_enomem = 0;
    for (long n = 0; (rc = (mem_fail_after(n), jsonutil_dump(j, JSON_COMPACT, &empty))) != 0; n++) {
        mem_fail_after(-1);
        assert_true(rc == -ENOMEM || rc == -EINVAL);
        assert_int_equal(empty.len, 0);
        saw_enomem |= rc == -ENOMEM;
        assert_true(n < 100);
    }
    mem_fail_after(-1);
    assert_true(saw_enomem);
    assert_int_equal(empty.len, strlen("{\"error\":\"x\",\"n\":1}"));
    buf_free(&empty);
    json_decref(j);
    buf_free(&b);
}

int main(void)
{
    mem_install_hooks();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),   cmocka_unit_test(test_check_fields),
        cmocka_unit_test(test_getters), cmocka_unit_test(test_ids),
        cmocka_unit_test(test_dump),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
