/*
 * config_internal — shared by config.c (flags and file), config_apply.c (typed
 * values into targets) and config_help.c. Not for other modules.
 */
#ifndef PLATFORM_CONFIG_INTERNAL_H
#define PLATFORM_CONFIG_INTERNAL_H

#include "platform/config.h"

#include <jansson.h>

#define CONFIG_ERR_MAX 320

/* A parsed value before it is stored in a target. */
union config_value {
    char *str;
    int64_t i;
    bool b;
    uint64_t u;
    struct config_list list;
    int idx;
};

/* Parse text (flag or default syntax; NULL for a bare boolean flag) into v.
 * 0, -EINVAL with err set to a detail such as `"abc" is not an integer`, or -ENOMEM. */
int config_value_from_text(const struct config_option *o, const char *text, union config_value *v,
                           char *err);

/* The same for a JSON value from the config file. */
int config_value_from_json(const struct config_option *o, const json_t *j, union config_value *v,
                           char *err);

/* Store v in o's target, replacing (or, for a list and append, extending) what is
 * there. Takes v's allocations (freed on failure too). 0, -EINVAL (err set: the
 * list would grow past CONFIG_MAX_LIST) or -ENOMEM. */
int config_value_store(const struct config_option *o, union config_value *v, bool append,
                       char *err);

/* Free the allocations of a value that was not stored. */
void config_value_free(const struct config_option *o, union config_value *v);

/* The metavar shown for o in --help ("N", "SIZE", "a|b", or o->metavar). */
int config_metavar(const struct config_option *o, struct buf *out);

#endif
