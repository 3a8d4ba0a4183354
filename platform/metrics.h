/*
 * metrics — a registry of counters, gauges and histograms, rendered as Prometheus
 * text exposition format 0.0.4.
 *
 * A metric family has a name, a help text, a type and 0..METRICS_MAX_LABELS label
 * names. Each distinct set of label values is a child; the caller obtains a child
 * handle once (at setup, or when a tenant first appears) and keeps it, so the hot
 * path is a plain add on the handle: no lookup, no allocation, no lock. The
 * registry is not thread-safe: the daemons are single-threaded event loops.
 *
 * Setup functions return 0 or a negative errno: -EINVAL for an invalid name, label
 * name or label value, -EEXIST for a name already registered (including the
 * `_bucket`, `_sum` and `_count` series of a histogram), -ENOSPC when a family
 * already holds its limit of children, -ENOMEM. On error nothing is registered.
 * Handles stay valid until the child is removed or the registry is freed.
 */
#ifndef PLATFORM_METRICS_H
#define PLATFORM_METRICS_H

#include "platform/buf.h"

#include <stddef.h>
#include <stdint.h>

#define METRICS_CONTENT_TYPE     "text/plain; version=0.0.4; charset=utf-8"
#define METRICS_MAX_LABELS       8
#define METRICS_MAX_NAME         200  /* bytes of a metric or label name */
#define METRICS_MAX_LABEL_VALUE  1024 /* bytes of one label value */
#define METRICS_MAX_HELP         1024 /* bytes of a help text */
#define METRICS_MAX_BUCKETS      64   /* upper bounds of a histogram (+Inf is implicit) */
#define METRICS_DEFAULT_CHILDREN 10000

struct metrics_registry;
struct metrics_family;

/* A monotonic counter. */
struct metrics_counter {
    uint64_t value;
};

/* A gauge: a value set by the owner, or computed by fn(arg) at scrape time. */
struct metrics_gauge {
    double value;
    double (*fn)(void *arg);
    void *arg;
};

/* A histogram over fixed upper bounds; buckets[i] counts observations in
 * (bounds[i-1], bounds[i]], buckets[nbounds] those above the last bound. */
struct metrics_histogram {
    const double *bounds; /* owned by the family */
    size_t nbounds;
    uint64_t *buckets; /* nbounds + 1 entries, owned by the child */
    uint64_t count;
    double sum;
};

/* The conventional latency buckets in seconds (0.005 .. 10), 11 bounds. */
extern const double metrics_buckets_latency[11];

/* A new, empty registry; NULL on -ENOMEM. Freed with metrics_registry_free(). */
struct metrics_registry *metrics_registry_new(void);

/* Free the registry, its families and every child handle. NULL is fine. */
void metrics_registry_free(struct metrics_registry *reg);

/* The process-wide registry (never NULL; allocates nothing until used).
 * metrics_default_reset() drops everything registered in it (at shutdown). */
struct metrics_registry *metrics_default(void);
void metrics_default_reset(void);

/* Children allowed per family (default METRICS_DEFAULT_CHILDREN). */
void metrics_registry_set_child_limit(struct metrics_registry *reg, size_t limit);

/* Unlabelled metrics: register the family and return its only child. */
int metrics_counter_new(struct metrics_registry *reg, const char *name, const char *help,
                        struct metrics_counter **out);
int metrics_gauge_new(struct metrics_registry *reg, const char *name, const char *help,
                      struct metrics_gauge **out);
/* A gauge computed by fn(arg) at every render; fn must stay callable until the
 * gauge is cleared with metrics_gauge_set_fn(g, NULL, NULL) or the registry freed. */
int metrics_gauge_fn_new(struct metrics_registry *reg, const char *name, const char *help,
                         double (*fn)(void *arg), void *arg, struct metrics_gauge **out);
/* bounds: nbounds (1..METRICS_MAX_BUCKETS) finite, strictly increasing upper bounds;
 * copied. */
int metrics_histogram_new(struct metrics_registry *reg, const char *name, const char *help,
                          const double *bounds, size_t nbounds, struct metrics_histogram **out);

/* Labelled families: nlabels (1..METRICS_MAX_LABELS) label names, copied. The family
 * is owned by the registry. Histograms may not use the label name "le". */
int metrics_counter_family_new(struct metrics_registry *reg, const char *name, const char *help,
                               size_t nlabels, const char *const *labels,
                               struct metrics_family **out);
int metrics_gauge_family_new(struct metrics_registry *reg, const char *name, const char *help,
                             size_t nlabels, const char *const *labels,
                             struct metrics_family **out);
int metrics_histogram_family_new(struct metrics_registry *reg, const char *name, const char *help,
                                 size_t nlabels, const char *const *labels, const double *bounds,
                                 size_t nbounds, struct metrics_family **out);

/* The child for these label values (one per label name, valid UTF-8, copied), created
 * on first use; the same handle is returned for the same values. -EINVAL also when
 * the family is of another type. */
int metrics_counter_get(struct metrics_family *fam, const char *const *values,
                        struct metrics_counter **out);
int metrics_gauge_get(struct metrics_family *fam, const char *const *values,
                      struct metrics_gauge **out);
int metrics_histogram_get(struct metrics_family *fam, const char *const *values,
                          struct metrics_histogram **out);

/* Remove the child with these label values (e.g. a deleted tenant); its handle
 * becomes invalid. 0, or -ENOENT when there is no such child. */
int metrics_family_remove(struct metrics_family *fam, const char *const *values);

static inline void metrics_counter_inc(struct metrics_counter *c)
{
    c->value++;
}

static inline void metrics_counter_add(struct metrics_counter *c, uint64_t n)
{
    c->value += n;
}

static inline void metrics_gauge_set(struct metrics_gauge *g, double v)
{
    g->value = v;
}

static inline void metrics_gauge_add(struct metrics_gauge *g, double d)
{
    g->value += d;
}

/* Make g computed by fn(arg) at render time (fn NULL: back to its stored value). */
void metrics_gauge_set_fn(struct metrics_gauge *g, double (*fn)(void *arg), void *arg);

/* Count one observation (NaN is ignored). */
void metrics_histogram_observe(struct metrics_histogram *h, double v);

/* Append the whole registry to out in text format 0.0.4: families sorted by name,
 * children in creation order. 0 or -ENOMEM (out unchanged on failure). */
int metrics_render(struct metrics_registry *reg, struct buf *out);

/* Append v as Prometheus writes floats: integers without exponent when exact,
 * otherwise the shortest round-trip form; "+Inf", "-Inf", "NaN". 0 or -ENOMEM. */
int metrics_format_value(struct buf *out, double v);

#endif
