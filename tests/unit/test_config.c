/* Tests of config: every option type from defaults, file and flags, precedence,
 * every error message, the generated --help, and allocation failures. */
#include "tests/support/test.h"

#include "platform/buf.h"
#include "platform/config.h"
#include "platform/mem.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *listen_addr;
static uint64_t max_packet, keepalive;
static bool tls, verbose;
static int64_t workers;
static struct config_list peers;
static int role;

static const char *const roles[] = {"run", "ha", NULL};

static const struct config_option options[] = {
    {.name = "mqtt-listen",
     .type = CONFIG_STRING,
     .target = &listen_addr,
     .def = "0.0.0.0:1883",
     .help = "Device-facing MQTT listener.",
     .group = "MQTT",
     .metavar = "ADDR"},
    {.name = "max-packet",
     .type = CONFIG_SIZE,
     .target = &max_packet,
     .def = "256k",
     .help = "Largest MQTT packet accepted.",
     .group = "MQTT",
     .min = 1024,
     .max = 16 << 20},
    {.name = "keepalive",
     .type = CONFIG_DURATION,
     .target = &keepalive,
     .def = "1m",
     .help = "Keep-alive for devices that ask none.",
     .group = "MQTT",
     .min = 1000,
     .max = 3600000},
    {.name = "tls",
     .type = CONFIG_BOOL,
     .target = &tls,
     .def = "true",
     .help = "Serve TLS.",
     .group = "MQTT"},
    {.name = "workers",
     .type = CONFIG_INT,
     .target = &workers,
     .def = "4",
     .help = "Worker count.",
     .min = 1,
     .max = 64},
    {.name = "peers", .type = CONFIG_LIST, .target = &peers, .help = "Peer addresses."},
    {.name = "role",
     .type = CONFIG_ENUM,
     .target = &role,
     .def = "run",
     .help = "Role of this unit.",
     .choices = roles},
    {.name = "verbose",
     .type = CONFIG_BOOL,
     .target = &verbose,
     .help = "Log more.",
     .group = "General"},
};

static const struct config_spec spec = {
    .program = "unitd",
    .summary = "A run unit.",
    .options = options,
    .count = sizeof(options) / sizeof(options[0]),
};

/* Parse the NULL-terminated arguments (after the program name) with s. */
static int vparse(const struct config_spec *s, int *rest, char **msg, va_list ap)
{
    char *argv[32] = {"prog"};
    int argc = 1;
    const char *a;
    while ((a = va_arg(ap, const char *)) != NULL)
        argv[argc++] = (char *)a;
    return config_parse(s, argc, argv, rest, msg);
}

static int parse(char **msg, ...)
{
    va_list ap;
    va_start(ap, msg);
    int rc = vparse(&spec, NULL, msg, ap);
    va_end(ap);
    return rc;
}

/* Parse; expect failure with exactly this message. */
static void expect_error(int want_rc, const char *want, ...)
{
    char *msg;
    va_list ap;
    va_start(ap, want);
    int rc = vparse(&spec, NULL, &msg, ap);
    va_end(ap);
    assert_int_equal(rc, want_rc);
    assert_non_null(msg);
    assert_string_equal(msg, want);
    mem_free(msg);
    config_free(&spec);
}

/* A temporary file holding text; the path is written into path. */
static void write_file(char *path, size_t size, const char *text)
{
    snprintf(path, size, "/tmp/test_config_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
}

static void test_defaults(void **state)
{
    (void)state;
    char *msg;
    assert_int_equal(parse(&msg, NULL), 0);
    assert_null(msg);
    assert_string_equal(listen_addr, "0.0.0.0:1883");
    assert_int_equal(max_packet, 256 * 1024);
    assert_int_equal(keepalive, 60000);
    assert_true(tls);
    assert_false(verbose);
    assert_int_equal(workers, 4);
    assert_int_equal(peers.count, 0);
    assert_null(peers.items);
    assert_int_equal(role, 0);
    config_free(&spec);
    assert_null(listen_addr);
    config_free(&spec);
}

static void test_flags_every_type(void **state)
{
    (void)state;
    char *msg;
    assert_int_equal(parse(&msg, "--mqtt-listen", "127.0.0.1:9", "--max-packet=10M", "--keepalive",
                           "1m30s", "--no-tls", "--workers", "3", "--workers=64", "--peers",
                           " a:1 , b:2", "--peers=c:3", "--role=ha", "--verbose", NULL),
                     0);
    assert_string_equal(listen_addr, "127.0.0.1:9");
    assert_int_equal(max_packet, 10 << 20);
    assert_int_equal(keepalive, 90000);
    assert_false(tls);
    assert_true(verbose);
    assert_int_equal(workers, 64);
    assert_int_equal(peers.count, 3);
    assert_string_equal(peers.items[0], "a:1");
    assert_string_equal(peers.items[1], "b:2");
    assert_string_equal(peers.items[2], "c:3");
    assert_null(peers.items[3]);
    assert_int_equal(role, 1);
    config_free(&spec);

    assert_int_equal(parse(&msg, "--tls=off", "--tls", "--verbose=yes", "--no-verbose",
                           "--peers=", "--mqtt-listen=", NULL),
                     0);
    assert_true(tls);
    assert_false(verbose);
    assert_int_equal(peers.count, 0);
    assert_string_equal(listen_addr, "");
    config_free(&spec);
}

static void test_file_then_flags(void **state)
{
    (void)state;
    char path[64];
    write_file(path, sizeof(path),
               "{\"mqtt-listen\": \"10.0.0.1:1883\", \"max-packet\": \"1M\", \"keepalive\": "
               "\"30s\", \"tls\": false, \"workers\": 8, \"peers\": [\"x\", \"y\"],"
               " \"role\": \"ha\", \"verbose\": true}");
    char *msg;
    assert_int_equal(parse(&msg, "--config", path, NULL), 0);
    assert_string_equal(listen_addr, "10.0.0.1:1883");
    assert_int_equal(max_packet, 1 << 20);
    assert_int_equal(keepalive, 30000);
    assert_false(tls);
    assert_int_equal(workers, 8);
    assert_int_equal(peers.count, 2);
    assert_string_equal(peers.items[1], "y");
    assert_int_equal(role, 1);
    assert_true(verbose);
    config_free(&spec);

    /* Flags override the file wherever --config stands; a flag list replaces the
     * file's list, and later flags append to it. */
    char cfg[80];
    snprintf(cfg, sizeof(cfg), "--config=%s", path);
    assert_int_equal(parse(&msg, "--workers=2", "--peers", "z", cfg, "--tls", "--peers=w", NULL),
                     0);
    assert_int_equal(workers, 2);
    assert_true(tls);
    assert_int_equal(peers.count, 2);
    assert_string_equal(peers.items[0], "z");
    assert_string_equal(peers.items[1], "w");
    assert_string_equal(listen_addr, "10.0.0.1:1883");
    config_free(&spec);
    unlink(path);

    write_file(path, sizeof(path), "{\"max-packet\": 2048, \"peers\": \"p, q\"}");
    assert_int_equal(parse(&msg, "--config", path, NULL), 0);
    assert_int_equal(max_packet, 2048);
    assert_int_equal(peers.count, 2);
    assert_string_equal(peers.items[1], "q");
    config_free(&spec);
    unlink(path);
}

static void test_flag_errors(void **state)
{
    (void)state;
    expect_error(-EINVAL, "unknown option --nope", "--nope", NULL);
    expect_error(-EINVAL, "unknown option --no-workers", "--no-workers", NULL);
    expect_error(-EINVAL, "unknown option -x", "-x", NULL);
    expect_error(-EINVAL, "--workers needs a value", "--workers", NULL);
    expect_error(-EINVAL, "--config needs a value", "--config", NULL);
    expect_error(-EINVAL, "--config given more than once", "--config=a", "--config=b", NULL);
    expect_error(-EINVAL, "--no-tls takes no value", "--no-tls=1", NULL);
    expect_error(-EINVAL, "unexpected argument \"extra\"", "extra", NULL);
    expect_error(-EINVAL, "unexpected argument \"-\"", "-", NULL);
    expect_error(-EINVAL, "unexpected argument \"x\"", "--", "x", NULL);
    expect_error(-EINVAL, "--workers: \"abc\" is not an integer", "--workers", "abc", NULL);
    expect_error(-EINVAL, "--workers: \"\" is not an integer", "--workers=", NULL);
    expect_error(-EINVAL, "--workers: \"99999999999999999999\" is too large",
                 "--workers=99999999999999999999", NULL);
    expect_error(-EINVAL, "--workers: 0 is out of range 1..64", "--workers=0", NULL);
    expect_error(-EINVAL, "--tls: \"maybe\" is not a boolean (true or false)", "--tls=maybe", NULL);
    expect_error(-EINVAL, "--max-packet: \"10Q\" is not a size (such as 512, 64k, 10M)",
                 "--max-packet=10Q", NULL);
    expect_error(-EINVAL, "--max-packet: 32m is out of range 1k..16m", "--max-packet=32M", NULL);
    expect_error(-EINVAL, "--max-packet: 1000 is out of range 1k..16m", "--max-packet=1000", NULL);
    expect_error(-EINVAL, "--max-packet: \"99999999999G\" is too large",
                 "--max-packet=99999999999G", NULL);
    expect_error(-EINVAL, "--keepalive: \"3\" is not a duration (such as 500ms, 3s, 2m)",
                 "--keepalive=3", NULL);
    expect_error(-EINVAL, "--keepalive: 500ms is out of range 1s..1h", "--keepalive=500ms", NULL);
    expect_error(-EINVAL, "--keepalive: 3600001ms is out of range 1s..1h", "--keepalive=1h1ms",
                 NULL);
    expect_error(-EINVAL, "--role: \"boss\" is not one of: run, ha", "--role=boss", NULL);
    expect_error(-EINVAL, "--peers: empty item in list \"a,,b\"", "--peers=a,,b", NULL);
    expect_error(-EINVAL, "--peers: empty item in list \"a,\"", "--peers=a,", NULL);
}

static void expect_file_error(const char *content, int want_rc, const char *want_fmt)
{
    char path[64], want[256], arg[80];
    write_file(path, sizeof(path), content);
    snprintf(want, sizeof(want), want_fmt, path);
    snprintf(arg, sizeof(arg), "--config=%s", path);
    expect_error(want_rc, want, arg, NULL);
    unlink(path);
}

static void test_file_errors(void **state)
{
    (void)state;
    expect_error(-ENOENT, "config /nonexistent/x.json: No such file or directory",
                 "--config=/nonexistent/x.json", NULL);
    expect_file_error("{\"workers\": 4,\n \"nope\": 1}", -EINVAL,
                      "config %s: unknown key \"nope\"");
    expect_file_error("{\"workers\": 4,\n  \"tls\": tru}", -EINVAL,
                      "config %s: invalid JSON at line 2 column 12: invalid token near 'tru'");
    expect_file_error(
        "{\"workers\": 1, \"workers\": 2}", -EINVAL,
        "config %s: invalid JSON at line 1 column 24: duplicate object key near '\"workers\"'");
    expect_file_error("", -EINVAL, "config %s: empty input, a JSON document was expected");
    expect_file_error("[1]", -EINVAL, "config %s: a JSON object was expected");
    expect_file_error("{\"mqtt-listen\": 5}", -EINVAL,
                      "config %s: \"mqtt-listen\": must be a string");
    expect_file_error("{\"workers\": \"4\"}", -EINVAL,
                      "config %s: \"workers\": must be an integer");
    expect_file_error("{\"workers\": 1.5}", -EINVAL, "config %s: \"workers\": must be an integer");
    expect_file_error("{\"workers\": 65}", -EINVAL,
                      "config %s: \"workers\": 65 is out of range 1..64");
    expect_file_error("{\"tls\": 1}", -EINVAL, "config %s: \"tls\": must be true or false");
    expect_file_error(
        "{\"max-packet\": -1}", -EINVAL,
        "config %s: \"max-packet\": must be a size: bytes or a string such as \"64k\"");
    expect_file_error("{\"max-packet\": \"64x\"}", -EINVAL,
                      "config %s: \"max-packet\": \"64x\" is not a size (such as 512, 64k, 10M)");
    expect_file_error("{\"keepalive\": 30}", -EINVAL,
                      "config %s: \"keepalive\": must be a duration string such as \"3s\"");
    expect_file_error("{\"peers\": [\"a\", 1]}", -EINVAL,
                      "config %s: \"peers\": item 1 must be a non-empty string");
    expect_file_error("{\"peers\": [\"\"]}", -EINVAL,
                      "config %s: \"peers\": item 0 must be a non-empty string");
    expect_file_error("{\"peers\": {}}", -EINVAL,
                      "config %s: \"peers\": must be an array of strings");
    expect_file_error("{\"role\": 1}", -EINVAL, "config %s: \"role\": must be a string");
    expect_file_error("{\"role\": \"x\"}", -EINVAL,
                      "config %s: \"role\": \"x\" is not one of: run, ha");

    /* Larger than the limit. */
    char path[64];
    write_file(path, sizeof(path), "");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < CONFIG_MAX_FILE / 8 + 1; i++)
        fputs("        ", f);
    fclose(f);
    char want[128], arg[80];
    snprintf(want, sizeof(want), "config %s: larger than %d bytes", path, CONFIG_MAX_FILE);
    snprintf(arg, sizeof(arg), "--config=%s", path);
    expect_error(-EFBIG, want, arg, NULL);
    unlink(path);
}

static void test_list_limit(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < CONFIG_MAX_LIST; i++)
        assert_int_equal(buf_printf(&b, "%sx", i ? "," : ""), 0);
    char *msg;
    assert_int_equal(parse(&msg, "--peers", (const char *)b.data, NULL), 0);
    assert_int_equal(peers.count, CONFIG_MAX_LIST);
    config_free(&spec);
    expect_error(-EINVAL, "--peers: more than 1024 items", "--peers", (const char *)b.data,
                 "--peers=y", NULL);
    assert_int_equal(buf_printf(&b, ",y"), 0);
    expect_error(-EINVAL, "--peers: more than 1024 items", "--peers", (const char *)b.data, NULL);
    buf_free(&b);
}

static void test_help(void **state)
{
    (void)state;
    char *msg;
    assert_int_equal(parse(&msg, "--workers=1", "--help", "--bogus", NULL), CONFIG_HELP);
    assert_string_equal(msg,
                        "Usage: unitd [OPTIONS]\n"
                        "A run unit.\n"
                        "\n"
                        "MQTT:\n"
                        "  --mqtt-listen ADDR  Device-facing MQTT listener. (default: "
                        "0.0.0.0:1883)\n"
                        "  --max-packet SIZE   Largest MQTT packet accepted. (default: 256k)\n"
                        "  --keepalive TIME    Keep-alive for devices that ask none. (default: "
                        "1m)\n"
                        "  --[no-]tls          Serve TLS. (default: true)\n"
                        "\n"
                        "Options:\n"
                        "  --workers N         Worker count. (1..64, default: 4)\n"
                        "  --peers A,B,...     Peer addresses.\n"
                        "  --role run|ha       Role of this unit. (default: run)\n"
                        "\n"
                        "General:\n"
                        "  --[no-]verbose      Log more.\n"
                        "  --config FILE       Read options from a JSON file (flags override "
                        "it).\n"
                        "  -h, --help          Print this help and exit.\n");
    mem_free(msg);
    config_free(&spec);
    assert_int_equal(parse(&msg, "-h", NULL), CONFIG_HELP);
    mem_free(msg);
    config_free(&spec);
}

static char *region;
static char *token;

static void test_required_and_rest(void **state)
{
    (void)state;
    const struct config_option opts[] = {
        {.name = "region",
         .type = CONFIG_STRING,
         .target = &region,
         .help = "Region center.",
         .flags = CONFIG_REQUIRED},
        {.name = "a-very-long-option-name-for-layout",
         .type = CONFIG_STRING,
         .target = &token,
         .help = "Token."},
    };
    const struct config_spec s = {
        .program = "iotctl", .args_usage = "COMMAND [ARGS...]", .options = opts, .count = 2};
    char *argv[] = {"iotctl", "--region", "r1", "tenants", "--x", NULL};
    char *msg;
    int rest = -1;
    assert_int_equal(config_parse(&s, 5, argv, &rest, &msg), 0);
    assert_int_equal(rest, 3);
    assert_string_equal(region, "r1");
    config_free(&s);

    char *argv2[] = {"iotctl", "--region=r", "--", "--x", NULL};
    assert_int_equal(config_parse(&s, 4, argv2, &rest, &msg), 0);
    assert_int_equal(rest, 3);
    config_free(&s);

    char *argv3[] = {"iotctl", "status", NULL};
    assert_int_equal(config_parse(&s, 2, argv3, &rest, &msg), -EINVAL);
    assert_string_equal(msg, "missing required option --region");
    mem_free(msg);
    config_free(&s);

    char *argv4[] = {"iotctl", "-h", NULL};
    assert_int_equal(config_parse(&s, 2, argv4, &rest, &msg), CONFIG_HELP);
    assert_string_equal(msg, "Usage: iotctl [OPTIONS] COMMAND [ARGS...]\n"
                             "\n"
                             "Options:\n"
                             "  --region STRING                 Region center. (required)\n"
                             "  --a-very-long-option-name-for-layout STRING\n"
                             "                                  Token.\n"
                             "\n"
                             "General:\n"
                             "  --config FILE                   Read options from a JSON file "
                             "(flags override it).\n"
                             "  -h, --help                      Print this help and exit.\n");
    mem_free(msg);
    config_free(&s);
}

static void expect_table_error(const struct config_option *o, const char *want)
{
    const struct config_spec s = {.program = "x", .options = o, .count = 1};
    char *argv[] = {"x", NULL};
    char *msg;
    assert_int_equal(config_parse(&s, 1, argv, NULL, &msg), -EINVAL);
    assert_string_equal(msg, want);
    mem_free(msg);
    config_free(&s);
}

static void test_table_errors(void **state)
{
    (void)state;
    int64_t n;
    int idx;
    const char *const none[] = {NULL};
    expect_table_error(&(struct config_option){.name = "Bad", .type = CONFIG_INT, .target = &n},
                       "option table: invalid name \"Bad\"");
    expect_table_error(&(struct config_option){.name = "help", .type = CONFIG_INT, .target = &n},
                       "option table: invalid name \"help\"");
    expect_table_error(&(struct config_option){.name = "no-x", .type = CONFIG_INT, .target = &n},
                       "option table: invalid name \"no-x\"");
    expect_table_error(&(struct config_option){.name = "x", .type = CONFIG_INT},
                       "option table: --x has no target or a bad type");
    expect_table_error(
        &(struct config_option){.name = "x", .type = CONFIG_ENUM, .target = &idx, .choices = none},
        "option table: --x has no choices");
    expect_table_error(
        &(struct config_option){.name = "x", .type = CONFIG_INT, .target = &n, .def = "y"},
        "option table: --x: default: \"y\" is not an integer");
    const struct config_option twice[] = {{.name = "x", .type = CONFIG_INT, .target = &n},
                                          {.name = "x", .type = CONFIG_INT, .target = &n}};
    const struct config_spec s = {.program = "x", .options = twice, .count = 2};
    char *argv[] = {"x", NULL};
    char *msg;
    assert_int_equal(config_parse(&s, 1, argv, NULL, &msg), -EINVAL);
    assert_string_equal(msg, "option table: --x declared twice");
    mem_free(msg);
}

static void test_value_parsers(void **state)
{
    (void)state;
    uint64_t u;
    int64_t i;
    bool b;
    assert_int_equal(config_parse_size("0", &u), 0);
    assert_int_equal(u, 0);
    assert_int_equal(config_parse_size("512b", &u), 0);
    assert_int_equal(u, 512);
    assert_int_equal(config_parse_size("64k", &u), 0);
    assert_int_equal(u, 65536);
    assert_int_equal(config_parse_size("2KiB", &u), 0);
    assert_int_equal(u, 2048);
    assert_int_equal(config_parse_size("3mb", &u), 0);
    assert_int_equal(u, 3 << 20);
    assert_int_equal(config_parse_size("1G", &u), 0);
    assert_int_equal(u, 1 << 30);
    assert_int_equal(config_parse_size("1T", &u), 0);
    assert_true(u == 1ull << 40);
    assert_int_equal(config_parse_size("16777215T", &u), 0);
    assert_int_equal(config_parse_size("16777216T", &u), -ERANGE);
    assert_int_equal(config_parse_size("18446744073709551616", &u), -ERANGE);
    assert_int_equal(config_parse_size("", &u), -EINVAL);
    assert_int_equal(config_parse_size("k", &u), -EINVAL);
    assert_int_equal(config_parse_size("-1", &u), -EINVAL);
    assert_int_equal(config_parse_size("1.5M", &u), -EINVAL);
    assert_int_equal(config_parse_size("1kk", &u), -EINVAL);
    assert_int_equal(config_parse_size("1ib", &u), -EINVAL);

    assert_int_equal(config_parse_duration("0", &u), 0);
    assert_int_equal(u, 0);
    assert_int_equal(config_parse_duration("500ms", &u), 0);
    assert_int_equal(u, 500);
    assert_int_equal(config_parse_duration("2h3m4s5ms", &u), 0);
    assert_int_equal(u, 7384005);
    assert_int_equal(config_parse_duration("0s", &u), 0);
    assert_int_equal(config_parse_duration("", &u), -EINVAL);
    assert_int_equal(config_parse_duration("s", &u), -EINVAL);
    assert_int_equal(config_parse_duration("1d", &u), -EINVAL);
    assert_int_equal(config_parse_duration("1s ", &u), -EINVAL);
    assert_int_equal(config_parse_duration("99999999999999999h", &u), -ERANGE);

    assert_int_equal(config_parse_int("-42", &i), 0);
    assert_int_equal(i, -42);
    assert_int_equal(config_parse_int("+7", &i), 0);
    assert_int_equal(config_parse_int(" 7", &i), -EINVAL);
    assert_int_equal(config_parse_int("7 ", &i), -EINVAL);
    assert_int_equal(config_parse_int("-", &i), -EINVAL);
    assert_int_equal(config_parse_int("9223372036854775808", &i), -ERANGE);
    assert_int_equal(config_parse_bool("ON", &b), 0);
    assert_true(b);
    assert_int_equal(config_parse_bool("0", &b), 0);
    assert_false(b);
    assert_int_equal(config_parse_bool("", &b), -EINVAL);
}

/* Parse under allocation failure n..: every failure must come from an injected one,
 * be reported as such (or, inside jansson's parser, which cannot tell an allocation
 * failure from bad input, as a parse error of the file) and leak nothing. */
static void test_allocation_failures(void **state)
{
    (void)state;
    char path[64];
    write_file(path, sizeof(path), "{\"peers\": [\"a\", \"b\"], \"mqtt-listen\": \"x:1\"}");
    int rc = -1;
    long n;
    for (n = 0; rc != 0; n++) {
        char *msg = NULL;
        mem_fail_after(n);
        rc = parse(&msg, "--config", path, "--peers=c,d", "--peers=e", "--mqtt-listen=y:2", NULL);
        long injected = mem_injected_failures();
        mem_fail_after(-1);
        if (rc != 0) {
            assert_true(injected > 0);
            assert_true(rc == -ENOMEM || rc == -EINVAL);
            if (msg && rc == -ENOMEM)
                assert_string_equal(msg, "out of memory");
            if (msg && rc == -EINVAL)
                assert_memory_equal(msg, "config /tmp/", 12);
        } else {
            assert_int_equal(peers.count, 3);
            assert_string_equal(listen_addr, "y:2");
        }
        mem_free(msg);
        config_free(&spec);
        assert_true(n < 1000);
    }
    assert_true(n > 10);
    for (n = 0, rc = -ENOMEM; rc == -ENOMEM; n++) {
        char *msg = NULL;
        mem_fail_after(n);
        rc = parse(&msg, "--help", NULL);
        mem_fail_after(-1);
        mem_free(msg);
        config_free(&spec);
    }
    assert_int_equal(rc, CONFIG_HELP);
    unlink(path);
}

int main(void)
{
    mem_install_hooks();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_flags_every_type),
        cmocka_unit_test(test_file_then_flags),
        cmocka_unit_test(test_flag_errors),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_list_limit),
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_required_and_rest),
        cmocka_unit_test(test_table_errors),
        cmocka_unit_test(test_value_parsers),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
