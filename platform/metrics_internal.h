/*
 * metrics_internal — the registry's data structures, shared by metrics.c (which
 * builds them) and metrics_render.c (which prints them). Not for other modules.
 */
#ifndef PLATFORM_METRICS_INTERNAL_H
#define PLATFORM_METRICS_INTERNAL_H

#include "platform/metrics.h"

enum metrics_type {
    METRICS_TYPE_COUNTER,
    METRICS_TYPE_GAUGE,
    METRICS_TYPE_HISTOGRAM,
};

/* One label set of a family; allocated in one block with its histogram buckets and
 * its label value strings. */
struct metrics_child {
    struct metrics_child *next;
    union {
        struct metrics_counter counter;
        struct metrics_gauge gauge;
        struct metrics_histogram histogram;
    } u;
    const char *values[METRICS_MAX_LABELS];
};

/* A family; allocated in one block with its bounds and its name/help/label strings. */
struct metrics_family {
    struct metrics_family *next; /* registry list, sorted by name */
    struct metrics_registry *reg;
    enum metrics_type type;
    const char *name;
    const char *help;
    size_t nlabels;
    const char *labels[METRICS_MAX_LABELS];
    double *bounds;
    size_t nbounds;
    struct metrics_child *children; /* in creation order */
    struct metrics_child **tail;
    size_t nchildren;
};

struct metrics_registry {
    struct metrics_family *families;
    size_t child_limit;
};

/* What a family is made of, before it is validated and copied. */
struct metrics_family_spec {
    const char *name;
    const char *help;
    enum metrics_type type;
    size_t nlabels;
    const char *const *labels;
    const double *bounds;
    size_t nbounds;
};

/* Validate and register a family (labelled or not). 0 or -EINVAL/-EEXIST/-ENOMEM. */
int metrics_family_register(struct metrics_registry *reg, const struct metrics_family_spec *s,
                            struct metrics_family **out);

#endif
