/* metrics — registry of metric families and their children (see metrics.h);
 * the text rendering is in metrics_render.c. */
#include "platform/metrics.h"

#include "platform/mem.h"
#include "platform/metrics_internal.h"
#include "platform/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

const double metrics_buckets_latency[11] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                            0.5,   1,    2.5,   5,    10};

static struct metrics_registry default_registry = {NULL, METRICS_DEFAULT_CHILDREN};

static const char *const hist_suffixes[] = {"_bucket", "_sum", "_count"};

struct metrics_registry *metrics_registry_new(void)
{
    struct metrics_registry *reg = mem_calloc(1, sizeof(*reg));
    if (reg)
        reg->child_limit = METRICS_DEFAULT_CHILDREN;
    return reg;
}

static void family_free(struct metrics_family *fam)
{
    struct metrics_child *c = fam->children;
    while (c) {
        struct metrics_child *next = c->next;
        mem_free(c);
        c = next;
    }
    mem_free(fam);
}

static void registry_clear(struct metrics_registry *reg)
{
    struct metrics_family *f = reg->families;
    while (f) {
        struct metrics_family *next = f->next;
        family_free(f);
        f = next;
    }
    reg->families = NULL;
}

void metrics_registry_free(struct metrics_registry *reg)
{
    if (!reg || reg == &default_registry)
        return;
    registry_clear(reg);
    mem_free(reg);
}

struct metrics_registry *metrics_default(void)
{
    return &default_registry;
}

void metrics_default_reset(void)
{
    registry_clear(&default_registry);
    default_registry.child_limit = METRICS_DEFAULT_CHILDREN;
}

void metrics_registry_set_child_limit(struct metrics_registry *reg, size_t limit)
{
    reg->child_limit = limit;
}

/* [a-zA-Z_:][a-zA-Z0-9_:]* (metric) or [a-zA-Z_][a-zA-Z0-9_]* (label). */
static bool name_valid(const char *s, bool colon_ok)
{
    size_t n = s ? strnlen(s, METRICS_MAX_NAME + 1) : 0;
    if (n == 0 || n > METRICS_MAX_NAME)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                  (colon_ok && c == ':') || (i > 0 && c >= '0' && c <= '9');
        if (!ok)
            return false;
    }
    return true;
}

static bool text_valid(const char *s, size_t max)
{
    size_t n = strnlen(s, max + 1);
    return n <= max && utf8_valid(s, n);
}

/* name is base followed by one of the series suffixes of a histogram. */
static bool is_hist_series(const char *base, const char *name)
{
    size_t n = strlen(base);
    if (strncmp(base, name, n) != 0)
        return false;
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(name + n, hist_suffixes[i]) == 0)
            return true;
    }
    return false;
}

static bool names_clash(const struct metrics_family *f, const char *name, enum metrics_type type)
{
    if (strcmp(f->name, name) == 0)
        return true;
    if (f->type == METRICS_TYPE_HISTOGRAM && is_hist_series(f->name, name))
        return true;
    return type == METRICS_TYPE_HISTOGRAM && is_hist_series(name, f->name);
}

static int check_labels(size_t nlabels, const char *const *labels, enum metrics_type type)
{
    if (nlabels > METRICS_MAX_LABELS || (nlabels > 0 && !labels))
        return -EINVAL;
    for (size_t i = 0; i < nlabels; i++) {
        if (!name_valid(labels[i], false) || strncmp(labels[i], "__", 2) == 0)
            return -EINVAL;
        if (type == METRICS_TYPE_HISTOGRAM && strcmp(labels[i], "le") == 0)
            return -EINVAL;
        for (size_t k = 0; k < i; k++) {
            if (strcmp(labels[i], labels[k]) == 0)
                return -EINVAL;
        }
    }
    return 0;
}

static int check_bounds(enum metrics_type type, const double *bounds, size_t nbounds)
{
    if (type != METRICS_TYPE_HISTOGRAM)
        return 0;
    if (!bounds || nbounds == 0 || nbounds > METRICS_MAX_BUCKETS)
        return -EINVAL;
    for (size_t i = 0; i < nbounds; i++) {
        if (!isfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            return -EINVAL;
    }
    return 0;
}

static int check_family(struct metrics_registry *reg, const struct metrics_family_spec *s)
{
    if (!reg || !name_valid(s->name, true))
        return -EINVAL;
    if (s->help && !text_valid(s->help, METRICS_MAX_HELP))
        return -EINVAL;
    int rc = check_labels(s->nlabels, s->labels, s->type);
    if (rc == 0)
        rc = check_bounds(s->type, s->bounds, s->nbounds);
    if (rc != 0)
        return rc;
    for (struct metrics_family *f = reg->families; f; f = f->next) {
        if (names_clash(f, s->name, s->type))
            return -EEXIST;
    }
    return 0;
}

/* Copy s to *cursor (NUL-terminated) and advance it; returns the copy. */
static char *pack_str(char **cursor, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = memcpy(*cursor, s, n);
    *cursor += n;
    return d;
}

/* One block: the family, its bounds, then its strings. */
static struct metrics_family *family_alloc(const struct metrics_family_spec *s)
{
    const char *help = s->help ? s->help : "";
    size_t nb = s->type == METRICS_TYPE_HISTOGRAM ? s->nbounds : 0;
    size_t size = sizeof(struct metrics_family) + nb * sizeof(double) + strlen(s->name) + 1 +
                  strlen(help) + 1;
    for (size_t i = 0; i < s->nlabels; i++)
        size += strlen(s->labels[i]) + 1;
    struct metrics_family *f = mem_alloc(size);
    if (!f)
        return NULL;
    memset(f, 0, sizeof(*f));
    f->type = s->type;
    f->bounds = (double *)(f + 1);
    f->nbounds = nb;
    if (nb)
        memcpy(f->bounds, s->bounds, nb * sizeof(double));
    char *cursor = (char *)(f->bounds + nb);
    f->name = pack_str(&cursor, s->name);
    f->help = pack_str(&cursor, help);
    f->nlabels = s->nlabels;
    for (size_t i = 0; i < s->nlabels; i++)
        f->labels[i] = pack_str(&cursor, s->labels[i]);
    f->tail = &f->children;
    return f;
}

int metrics_family_register(struct metrics_registry *reg, const struct metrics_family_spec *s,
                            struct metrics_family **out)
{
    int rc = check_family(reg, s);
    if (rc != 0)
        return rc;
    struct metrics_family *f = family_alloc(s);
    if (!f)
        return -ENOMEM;
    f->reg = reg;
    struct metrics_family **pp = &reg->families;
    while (*pp && strcmp((*pp)->name, f->name) < 0)
        pp = &(*pp)->next;
    f->next = *pp;
    *pp = f;
    *out = f;
    return 0;
}

static void family_unregister(struct metrics_family *f)
{
    struct metrics_family **pp = &f->reg->families;
    while (*pp != f)
        pp = &(*pp)->next;
    *pp = f->next;
    family_free(f);
}

static bool child_matches(const struct metrics_family *f, const struct metrics_child *c,
                          const char *const *values)
{
    for (size_t i = 0; i < f->nlabels; i++) {
        if (strcmp(c->values[i], values[i]) != 0)
            return false;
    }
    return true;
}

static int check_values(const struct metrics_family *f, const char *const *values)
{
    if (f->nlabels > 0 && !values)
        return -EINVAL;
    for (size_t i = 0; i < f->nlabels; i++) {
        if (!values[i] || !text_valid(values[i], METRICS_MAX_LABEL_VALUE))
            return -EINVAL;
    }
    return 0;
}

static struct metrics_child *child_alloc(struct metrics_family *f, const char *const *values)
{
    size_t nbuckets = f->type == METRICS_TYPE_HISTOGRAM ? f->nbounds + 1 : 0;
    size_t size = sizeof(struct metrics_child) + nbuckets * sizeof(uint64_t);
    for (size_t i = 0; i < f->nlabels; i++)
        size += strlen(values[i]) + 1;
    struct metrics_child *c = mem_calloc(1, size);
    if (!c)
        return NULL;
    uint64_t *buckets = (uint64_t *)(c + 1);
    char *cursor = (char *)(buckets + nbuckets);
    for (size_t i = 0; i < f->nlabels; i++)
        c->values[i] = pack_str(&cursor, values[i]);
    if (f->type == METRICS_TYPE_HISTOGRAM) {
        c->u.histogram.bounds = f->bounds;
        c->u.histogram.nbounds = f->nbounds;
        c->u.histogram.buckets = buckets;
    }
    return c;
}

static int child_get(struct metrics_family *f, enum metrics_type type, const char *const *values,
                     struct metrics_child **out)
{
    if (!f || f->type != type)
        return -EINVAL;
    int rc = check_values(f, values);
    if (rc != 0)
        return rc;
    for (struct metrics_child *c = f->children; c; c = c->next) {
        if (child_matches(f, c, values)) {
            *out = c;
            return 0;
        }
    }
    if (f->nchildren >= f->reg->child_limit)
        return -ENOSPC;
    struct metrics_child *c = child_alloc(f, values);
    if (!c)
        return -ENOMEM;
    *f->tail = c;
    f->tail = &c->next;
    f->nchildren++;
    *out = c;
    return 0;
}

int metrics_counter_get(struct metrics_family *fam, const char *const *values,
                        struct metrics_counter **out)
{
    struct metrics_child *c;
    int rc = child_get(fam, METRICS_TYPE_COUNTER, values, &c);
    if (rc == 0)
        *out = &c->u.counter;
    return rc;
}

int metrics_gauge_get(struct metrics_family *fam, const char *const *values,
                      struct metrics_gauge **out)
{
    struct metrics_child *c;
    int rc = child_get(fam, METRICS_TYPE_GAUGE, values, &c);
    if (rc == 0)
        *out = &c->u.gauge;
    return rc;
}

int metrics_histogram_get(struct metrics_family *fam, const char *const *values,
                          struct metrics_histogram **out)
{
    struct metrics_child *c;
    int rc = child_get(fam, METRICS_TYPE_HISTOGRAM, values, &c);
    if (rc == 0)
        *out = &c->u.histogram;
    return rc;
}

int metrics_family_remove(struct metrics_family *fam, const char *const *values)
{
    if (!fam || check_values(fam, values) != 0)
        return -EINVAL;
    for (struct metrics_child **pp = &fam->children; *pp; pp = &(*pp)->next) {
        struct metrics_child *c = *pp;
        if (!child_matches(fam, c, values))
            continue;
        *pp = c->next;
        if (fam->tail == &c->next)
            fam->tail = pp;
        fam->nchildren--;
        mem_free(c);
        return 0;
    }
    return -ENOENT;
}

/* Register an unlabelled family and create its only child. */
static int single_new(struct metrics_registry *reg, const struct metrics_family_spec *s,
                      struct metrics_child **out)
{
    struct metrics_family *f;
    int rc = metrics_family_register(reg, s, &f);
    if (rc != 0)
        return rc;
    rc = child_get(f, s->type, NULL, out);
    if (rc != 0)
        family_unregister(f);
    return rc;
}

int metrics_counter_new(struct metrics_registry *reg, const char *name, const char *help,
                        struct metrics_counter **out)
{
    struct metrics_family_spec s = {.name = name, .help = help, .type = METRICS_TYPE_COUNTER};
    struct metrics_child *c;
    int rc = single_new(reg, &s, &c);
    if (rc == 0)
        *out = &c->u.counter;
    return rc;
}

int metrics_gauge_new(struct metrics_registry *reg, const char *name, const char *help,
                      struct metrics_gauge **out)
{
    return metrics_gauge_fn_new(reg, name, help, NULL, NULL, out);
}

int metrics_gauge_fn_new(struct metrics_registry *reg, const char *name, const char *help,
                         double (*fn)(void *arg), void *arg, struct metrics_gauge **out)
{
    struct metrics_family_spec s = {.name = name, .help = help, .type = METRICS_TYPE_GAUGE};
    struct metrics_child *c;
    int rc = single_new(reg, &s, &c);
    if (rc != 0)
        return rc;
    metrics_gauge_set_fn(&c->u.gauge, fn, arg);
    *out = &c->u.gauge;
    return 0;
}

int metrics_histogram_new(struct metrics_registry *reg, const char *name, const char *help,
                          const double *bounds, size_t nbounds, struct metrics_histogram **out)
{
    struct metrics_family_spec s = {.name = name,
                                    .help = help,
                                    .type = METRICS_TYPE_HISTOGRAM,
                                    .bounds = bounds,
                                    .nbounds = nbounds};
    struct metrics_child *c;
    int rc = single_new(reg, &s, &c);
    if (rc == 0)
        *out = &c->u.histogram;
    return rc;
}

static int labelled_new(struct metrics_registry *reg, struct metrics_family_spec s,
                        struct metrics_family **out)
{
    return s.nlabels ? metrics_family_register(reg, &s, out) : -EINVAL;
}

int metrics_counter_family_new(struct metrics_registry *reg, const char *name, const char *help,
                               size_t nlabels, const char *const *labels,
                               struct metrics_family **out)
{
    return labelled_new(
        reg,
        (struct metrics_family_spec){name, help, METRICS_TYPE_COUNTER, nlabels, labels, NULL, 0},
        out);
}

int metrics_gauge_family_new(struct metrics_registry *reg, const char *name, const char *help,
                             size_t nlabels, const char *const *labels, struct metrics_family **out)
{
    return labelled_new(
        reg, (struct metrics_family_spec){name, help, METRICS_TYPE_GAUGE, nlabels, labels, NULL, 0},
        out);
}

int metrics_histogram_family_new(struct metrics_registry *reg, const char *name, const char *help,
                                 size_t nlabels, const char *const *labels, const double *bounds,
                                 size_t nbounds, struct metrics_family **out)
{
    return labelled_new(reg,
                        (struct metrics_family_spec){name, help, METRICS_TYPE_HISTOGRAM, nlabels,
                                                     labels, bounds, nbounds},
                        out);
}

void metrics_gauge_set_fn(struct metrics_gauge *g, double (*fn)(void *arg), void *arg)
{
    g->fn = fn;
    g->arg = fn ? arg : NULL;
}

void metrics_histogram_observe(struct metrics_histogram *h, double v)
{
    if (isnan(v))
        return;
    size_t i = 0;
    while (i < h->nbounds && v > h->bounds[i])
        i++;
    h->buckets[i]++;
    h->count++;
    h->sum += v;
}
