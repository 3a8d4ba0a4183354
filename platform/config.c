/* config — defaults, then the JSON config file, then flags (see config.h). */
#include "platform/config.h"

#include "platform/config_internal.h"
#include "platform/jsonutil.h"
#include "platform/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* One flag from argv, kept until the defaults and the file are applied. */
struct flag_use {
    const struct config_option *opt;
    const char *value; /* NULL for a bare boolean flag */
    bool negated;      /* --no-x */
};

struct parse_state {
    const struct config_spec *spec;
    char **msg;
    bool *set; /* per option: given by the file or a flag (for CONFIG_REQUIRED) */
    char err[CONFIG_ERR_MAX];
};

/* Set *msg to the formatted message (NULL if that allocation fails); returns rc. */
__attribute__((format(printf, 3, 4))) static int fail(char **msg, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    mem_free(*msg);
    *msg = n >= 0 ? mem_alloc((size_t)n + 1) : NULL;
    if (*msg) {
        va_start(ap, fmt);
        vsnprintf(*msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return rc;
}

static const struct config_option *find(const struct config_spec *spec, const char *name,
                                        size_t len)
{
    for (size_t i = 0; i < spec->count; i++) {
        const char *n = spec->options[i].name;
        if (strncmp(n, name, len) == 0 && n[len] == '\0')
            return &spec->options[i];
    }
    return NULL;
}

static bool name_valid(const char *s)
{
    size_t n = s ? strnlen(s, CONFIG_MAX_NAME + 1) : 0;
    if (n == 0 || n > CONFIG_MAX_NAME || s[0] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return strcmp(s, "help") != 0 && strcmp(s, "config") != 0 && strncmp(s, "no-", 3) != 0;
}

/* The table itself: names, targets, enum choices, uniqueness. */
static int check_spec(const struct config_spec *spec, char **msg)
{
    for (size_t i = 0; i < spec->count; i++) {
        const struct config_option *o = &spec->options[i];
        if (!name_valid(o->name))
            return fail(msg, -EINVAL, "option table: invalid name \"%s\"", o->name ? o->name : "");
        if (!o->target || (unsigned)o->type > CONFIG_ENUM)
            return fail(msg, -EINVAL, "option table: --%s has no target or a bad type", o->name);
        if (o->type == CONFIG_ENUM && (!o->choices || !o->choices[0]))
            return fail(msg, -EINVAL, "option table: --%s has no choices", o->name);
        if (find(spec, o->name, strlen(o->name)) != o)
            return fail(msg, -EINVAL, "option table: --%s declared twice", o->name);
    }
    return 0;
}

/* Every target to its default; string and list targets hold nothing yet. */
static int apply_defaults(struct parse_state *st)
{
    for (size_t i = 0; i < st->spec->count; i++) {
        const struct config_option *o = &st->spec->options[i];
        union config_value v;
        memset(&v, 0, sizeof(v));
        int rc = o->def ? config_value_from_text(o, o->def, &v, st->err) : 0;
        if (rc == 0)
            rc = config_value_store(o, &v, false, st->err);
        if (rc == -ENOMEM)
            return fail(st->msg, rc, "out of memory");
        if (rc != 0)
            return fail(st->msg, rc, "option table: --%s: default: %s", o->name, st->err);
    }
    return 0;
}

/* Forget what string and list targets hold (without freeing: they may be garbage). */
static void reset_targets(const struct config_spec *spec)
{
    for (size_t i = 0; i < spec->count; i++) {
        const struct config_option *o = &spec->options[i];
        if (o->target && o->type == CONFIG_STRING)
            *(char **)o->target = NULL;
        else if (o->target && o->type == CONFIG_LIST)
            *(struct config_list *)o->target = (struct config_list){NULL, 0};
    }
}

/* Read the whole file into b (up to CONFIG_MAX_FILE bytes). */
static int read_file(const char *path, struct buf *b, char **msg)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(msg, -errno, "config %s: %s", path, strerror(errno));
    int rc = 0;
    for (;;) {
        if (b->len > CONFIG_MAX_FILE) {
            rc = fail(msg, -EFBIG, "config %s: larger than %d bytes", path, CONFIG_MAX_FILE);
            break;
        }
        if (buf_reserve(b, 65536) != 0) {
            rc = fail(msg, -ENOMEM, "out of memory");
            break;
        }
        ssize_t n = read(fd, b->data + b->len, b->cap - b->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = fail(msg, -errno, "config %s: %s", path, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        b->len += (size_t)n;
    }
    close(fd);
    return rc;
}

static int apply_json(struct parse_state *st, const char *path, json_t *root)
{
    const char *key;
    json_t *val;
    json_object_foreach(root, key, val)
    {
        const struct config_option *o = find(st->spec, key, strlen(key));
        if (!o)
            return fail(st->msg, -EINVAL, "config %s: unknown key \"%.64s\"", path, key);
        union config_value v;
        int rc = config_value_from_json(o, val, &v, st->err);
        if (rc == 0)
            rc = config_value_store(o, &v, false, st->err);
        if (rc == -ENOMEM)
            return fail(st->msg, rc, "out of memory");
        if (rc != 0)
            return fail(st->msg, rc, "config %s: \"%s\": %s", path, key, st->err);
        st->set[o - st->spec->options] = true;
    }
    return 0;
}

static int apply_file(struct parse_state *st, const char *path)
{
    struct buf b;
    buf_init(&b);
    int rc = read_file(path, &b, st->msg);
    if (rc != 0)
        goto out;
    json_t *root;
    struct jsonutil_err jerr;
    rc = jsonutil_parse_object(b.data, b.len, CONFIG_MAX_FILE, &root, &jerr);
    if (rc == -ENOMEM) {
        rc = fail(st->msg, rc, "out of memory");
        goto out;
    }
    if (rc != 0) {
        rc = fail(st->msg, rc, "config %s: %s", path, jerr.msg);
        goto out;
    }
    rc = apply_json(st, path, root);
    json_decref(root);
out:
    buf_free(&b);
    return rc;
}

static int apply_flags(struct parse_state *st, const struct flag_use *uses, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct config_option *o = uses[i].opt;
        union config_value v;
        int rc = config_value_from_text(o, uses[i].value, &v, st->err);
        if (rc == 0 && uses[i].negated)
            v.b = false;
        bool append = false;
        for (size_t k = 0; k < i; k++)
            append = append || uses[k].opt == o;
        if (rc == 0)
            rc = config_value_store(o, &v, append, st->err);
        if (rc == -ENOMEM)
            return fail(st->msg, rc, "out of memory");
        if (rc != 0)
            return fail(st->msg, rc, "--%s: %s", o->name, st->err);
        st->set[o - st->spec->options] = true;
    }
    return 0;
}

static int check_required(struct parse_state *st)
{
    for (size_t i = 0; i < st->spec->count; i++) {
        const struct config_option *o = &st->spec->options[i];
        if ((o->flags & CONFIG_REQUIRED) && !st->set[i])
            return fail(st->msg, -EINVAL, "missing required option --%s", o->name);
    }
    return 0;
}

/* One "--name[=value]" argument at argv[*i] (advancing *i past a separate value). */
static int scan_flag(const struct config_spec *spec, int argc, char *const *argv, int *i,
                     struct flag_use *use, const char **config_path, char **msg)
{
    const char *name = argv[*i] + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const struct config_option *o = find(spec, name, len);
    bool negated = false;
    if (!o && len > 3 && strncmp(name, "no-", 3) == 0) {
        o = find(spec, name + 3, len - 3);
        negated = o && o->type == CONFIG_BOOL;
        o = negated ? o : NULL;
    }
    bool is_config = len == 6 && strncmp(name, "config", 6) == 0;
    if (!o && !is_config)
        return fail(msg, -EINVAL, "unknown option --%.*s", (int)(len > 64 ? 64 : len), name);
    const char *value = eq ? eq + 1 : NULL;
    if (negated && eq)
        return fail(msg, -EINVAL, "--%.*s takes no value", (int)len, name);
    if (!value && (is_config || o->type != CONFIG_BOOL)) {
        if (*i + 1 >= argc)
            return fail(msg, -EINVAL, "--%.*s needs a value", (int)len, name);
        value = argv[++*i];
    }
    if (is_config) {
        if (*config_path)
            return fail(msg, -EINVAL, "--config given more than once");
        *config_path = value;
        return 0;
    }
    *use = (struct flag_use){o, value, negated};
    return 1;
}

/* Collect the flags of argv; stop at a positional argument when rest is given.
 * Returns 0, CONFIG_HELP, or a negative errno with *msg set. */
static int scan_argv(const struct config_spec *spec, int argc, char *const *argv, int *rest,
                     struct flag_use *uses, size_t *nuses, const char **config_path, char **msg)
{
    int i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (a[0] != '-' || a[1] == '\0')
            break;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            return CONFIG_HELP;
        if (a[1] != '-')
            return fail(msg, -EINVAL, "unknown option %.64s", a);
        int rc = scan_flag(spec, argc, argv, &i, &uses[*nuses], config_path, msg);
        if (rc < 0)
            return rc;
        *nuses += (size_t)rc;
    }
    if (rest)
        *rest = i;
    else if (i < argc)
        return fail(msg, -EINVAL, "unexpected argument \"%.64s\"", argv[i]);
    return 0;
}

static int help(const struct config_spec *spec, char **msg)
{
    struct buf b;
    buf_init(&b);
    if (config_usage(spec, &b) != 0 || buf_append(&b, "", 1) != 0) {
        buf_free(&b);
        return fail(msg, -ENOMEM, "out of memory");
    }
    *msg = (char *)b.data;
    return CONFIG_HELP;
}

int config_parse(const struct config_spec *spec, int argc, char *const *argv, int *rest, char **msg)
{
    *msg = NULL;
    struct parse_state st = {.spec = spec, .msg = msg};
    reset_targets(spec);
    int rc = check_spec(spec, msg);
    if (rc != 0)
        return rc;
    struct flag_use *uses = mem_calloc(argc > 0 ? (size_t)argc : 1, sizeof(*uses));
    st.set = mem_calloc(spec->count ? spec->count : 1, sizeof(bool));
    if (!uses || !st.set) {
        rc = fail(msg, -ENOMEM, "out of memory");
        goto out;
    }
    size_t nuses = 0;
    const char *config_path = NULL;
    rc = scan_argv(spec, argc, argv, rest, uses, &nuses, &config_path, msg);
    if (rc == CONFIG_HELP)
        rc = help(spec, msg);
    if (rc != 0)
        goto out;
    if ((rc = apply_defaults(&st)) != 0)
        goto out;
    if (config_path && (rc = apply_file(&st, config_path)) != 0)
        goto out;
    if ((rc = apply_flags(&st, uses, nuses)) != 0)
        goto out;
    rc = check_required(&st);
out:
    mem_free(st.set);
    mem_free(uses);
    return rc;
}

void config_free(const struct config_spec *spec)
{
    for (size_t i = 0; i < spec->count; i++) {
        const struct config_option *o = &spec->options[i];
        if (!o->target)
            continue;
        if (o->type == CONFIG_STRING) {
            mem_free(*(char **)o->target);
            *(char **)o->target = NULL;
        } else if (o->type == CONFIG_LIST) {
            union config_value v = {.list = *(struct config_list *)o->target};
            config_value_free(o, &v);
            *(struct config_list *)o->target = (struct config_list){NULL, 0};
        }
    }
}
