/*
 * config — declarative options, read from defaults, a JSON config file and flags.
 *
 * A program declares a table of options. Each long name is both the flag
 * (`--mqtt-listen ADDR`, `--mqtt-listen=ADDR`) and the JSON key (`"mqtt-listen"`).
 * config_parse() applies, in this order: every default, then the JSON object of
 * `--config FILE` (an unknown key is an error), then the flags (which override).
 * `--help` (or `-h`) yields usage text generated from the table. Every error names
 * the option and comes back as a message for the caller to print; nothing is
 * printed and nothing but the config file is read.
 *
 * Value syntax (flags, defaults, and JSON strings):
 *   int       decimal, optionally range-checked (`min < max`)
 *   bool      `--x` sets, `--no-x` clears, `--x=true|false|yes|no|on|off|1|0`;
 *             JSON true/false
 *   size      bytes with an optional binary suffix: 512, 64k, 10M, 1G (also KB,
 *             KiB, ...); JSON integer or string
 *   duration  one or more <integer><unit> with units ms, s, m, h: 500ms, 3s, 2m,
 *             1m30s; "0" alone is allowed; stored in milliseconds; JSON string
 *   list      comma-separated items (spaces around items are trimmed, empty items
 *             are an error); JSON array of strings or one comma-separated string.
 *             A repeated flag appends to the list the first flag started.
 *   enum      one of the option's choices; stored as the index of the choice
 */
#ifndef PLATFORM_CONFIG_H
#define PLATFORM_CONFIG_H

#include "platform/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONFIG_MAX_FILE (1024 * 1024) /* bytes of a config file */
#define CONFIG_MAX_LIST 1024          /* items of a list option */
#define CONFIG_MAX_NAME 64            /* bytes of an option name */
#define CONFIG_HELP     1             /* config_parse(): --help was given */
#define CONFIG_REQUIRED 0x1u          /* option flag: must be set by file or flag */

enum config_type {
    CONFIG_STRING,   /* target: char ** (a copy, owned by config; NULL when unset) */
    CONFIG_INT,      /* target: int64_t * */
    CONFIG_BOOL,     /* target: bool * */
    CONFIG_SIZE,     /* target: uint64_t * (bytes) */
    CONFIG_DURATION, /* target: uint64_t * (milliseconds) */
    CONFIG_LIST,     /* target: struct config_list * (owned by config) */
    CONFIG_ENUM,     /* target: int * (index into choices) */
};

/* A list value: count items, each a NUL-terminated copy; items[count] is NULL. */
struct config_list {
    char **items;
    size_t count;
};

struct config_option {
    const char *name; /* [a-z0-9][a-z0-9-]*, also the JSON key */
    enum config_type type;
    void *target;
    const char *def;            /* default in flag syntax, or NULL (empty / 0 / false) */
    const char *help;           /* one line for --help */
    const char *group;          /* heading in --help (NULL: "Options"), in table order */
    const char *metavar;        /* value placeholder in --help (NULL: from the type) */
    int64_t min, max;           /* int/size/duration range, checked when min < max */
    const char *const *choices; /* enum: NULL-terminated */
    unsigned flags;             /* CONFIG_REQUIRED */
};

struct config_spec {
    const char *program;    /* for "Usage: <program> ..." */
    const char *summary;    /* one line under the usage line, or NULL */
    const char *args_usage; /* positional arguments for the usage line, or NULL */
    const struct config_option *options;
    size_t count;
};

/*
 * Parse argv[1..argc) into the option targets. Returns 0 on success,
 * CONFIG_HELP when --help/-h was given (*msg is the usage text: print it to stdout,
 * exit 0), or a negative errno with *msg an error message naming the option
 * (print it to stderr, exit non-zero): -EINVAL for a bad flag, value, file content
 * or option table, -ENOENT/-EACCES/... when the config file cannot be read,
 * -EFBIG when it exceeds CONFIG_MAX_FILE, -ENOMEM (then *msg may be NULL). An
 * allocation failure inside jansson's parser reads as a syntax error of the file:
 * jansson does not tell the two apart.
 * *msg is NULL on success, else allocated with mem_alloc and owned by the caller.
 *
 * rest NULL: a positional argument is an error. rest non-NULL: parsing stops at
 * the first positional argument (or after "--") and *rest is its index (argc when
 * there is none), for commands that take arguments or sub-commands.
 *
 * String and list targets are overwritten, not freed: call config_free() after
 * every config_parse(), whatever it returned, to release them.
 */
int config_parse(const struct config_spec *spec, int argc, char *const *argv, int *rest,
                 char **msg);

/* Free the strings and lists config_parse() stored in the targets (set to NULL /
 * empty). Safe to call more than once. */
void config_free(const struct config_spec *spec);

/* Append the --help text to out. 0 or -ENOMEM. */
int config_usage(const struct config_spec *spec, struct buf *out);

/* The value parsers, for programs that take such values elsewhere. 0 or -EINVAL
 * (-ERANGE when the number does not fit). */
int config_parse_int(const char *s, int64_t *out);
int config_parse_bool(const char *s, bool *out);
int config_parse_size(const char *s, uint64_t *out);
int config_parse_duration(const char *s, uint64_t *out_ms);

#endif
