/* metrics_render — Prometheus text exposition format 0.0.4 (see metrics.h). */
#include "platform/metrics.h"
#include "platform/metrics_internal.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int metrics_format_value(struct buf *out, double v)
{
    if (isnan(v))
        return buf_append(out, "NaN", 3);
    if (isinf(v))
        return v > 0 ? buf_append(out, "+Inf", 4) : buf_append(out, "-Inf", 4);
    if (v == 0)
        return buf_append(out, "0", 1);
    if (v == floor(v) && fabs(v) < 1e15)
        return buf_printf(out, "%.0f", v);
    char tmp[32];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof(tmp), "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    return buf_append(out, tmp, strlen(tmp));
}

/* Append s with '\\' and '\n' escaped, and '"' too when in a label value. */
static int append_escaped(struct buf *out, const char *s, int quote)
{
    for (const char *p = s; *p; p++) {
        const char *esc = NULL;
        if (*p == '\\')
            esc = "\\\\";
        else if (*p == '\n')
            esc = "\\n";
        else if (quote && *p == '"')
            esc = "\\\"";
        int rc = esc ? buf_append(out, esc, 2) : buf_append(out, p, 1);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* `{a="x",b="y"}`, with an extra `le` pair for histogram buckets; nothing when there
 * are no labels at all. */
static int append_labels(struct buf *out, const struct metrics_family *f,
                         const struct metrics_child *c, const double *le)
{
    if (f->nlabels == 0 && !le)
        return 0;
    int rc = buf_append(out, "{", 1);
    for (size_t i = 0; rc == 0 && i < f->nlabels; i++) {
        rc = buf_printf(out, "%s%s=\"", i ? "," : "", f->labels[i]);
        if (rc == 0)
            rc = append_escaped(out, c->values[i], 1);
        if (rc == 0)
            rc = buf_append(out, "\"", 1);
    }
    if (rc == 0 && le) {
        rc = buf_printf(out, "%sle=\"", f->nlabels ? "," : "");
        if (rc == 0)
            rc = metrics_format_value(out, *le);
        if (rc == 0)
            rc = buf_append(out, "\"", 1);
    }
    return rc == 0 ? buf_append(out, "}", 1) : rc;
}

static int render_histogram(struct buf *out, const struct metrics_family *f,
                            const struct metrics_child *c)
{
    const struct metrics_histogram *h = &c->u.histogram;
    uint64_t cumulative = 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i <= h->nbounds; i++) {
        double le = i < h->nbounds ? h->bounds[i] : INFINITY;
        cumulative += h->buckets[i];
        rc = buf_printf(out, "%s_bucket", f->name);
        if (rc == 0)
            rc = append_labels(out, f, c, &le);
        if (rc == 0)
            rc = buf_printf(out, " %" PRIu64 "\n", cumulative);
    }
    if (rc == 0)
        rc = buf_printf(out, "%s_sum", f->name);
    if (rc == 0)
        rc = append_labels(out, f, c, NULL);
    if (rc == 0)
        rc = buf_append(out, " ", 1);
    if (rc == 0)
        rc = metrics_format_value(out, h->sum);
    if (rc == 0)
        rc = buf_printf(out, "\n%s_count", f->name);
    if (rc == 0)
        rc = append_labels(out, f, c, NULL);
    return rc == 0 ? buf_printf(out, " %" PRIu64 "\n", h->count) : rc;
}

static int render_child(struct buf *out, const struct metrics_family *f,
                        const struct metrics_child *c)
{
    if (f->type == METRICS_TYPE_HISTOGRAM)
        return render_histogram(out, f, c);
    int rc = buf_append(out, f->name, strlen(f->name));
    if (rc == 0)
        rc = append_labels(out, f, c, NULL);
    if (rc != 0)
        return rc;
    if (f->type == METRICS_TYPE_COUNTER) {
        rc = buf_printf(out, " %" PRIu64 "\n", c->u.counter.value);
    } else {
        const struct metrics_gauge *g = &c->u.gauge;
        rc = buf_append(out, " ", 1);
        if (rc == 0)
            rc = metrics_format_value(out, g->fn ? g->fn(g->arg) : g->value);
        if (rc == 0)
            rc = buf_append(out, "\n", 1);
    }
    return rc;
}

static const char *type_name(enum metrics_type t)
{
    switch (t) {
    case METRICS_TYPE_COUNTER:
        return "counter";
    case METRICS_TYPE_GAUGE:
        return "gauge";
    case METRICS_TYPE_HISTOGRAM:
        return "histogram";
    }
    return "untyped";
}

static int render_family(struct buf *out, const struct metrics_family *f)
{
    if (!f->children)
        return 0;
    int rc = 0;
    if (f->help[0]) {
        rc = buf_printf(out, "# HELP %s ", f->name);
        if (rc == 0)
            rc = append_escaped(out, f->help, 0);
        if (rc == 0)
            rc = buf_append(out, "\n", 1);
    }
    if (rc == 0)
        rc = buf_printf(out, "# TYPE %s %s\n", f->name, type_name(f->type));
    for (const struct metrics_child *c = f->children; rc == 0 && c; c = c->next)
        rc = render_child(out, f, c);
    return rc;
}

int metrics_render(struct metrics_registry *reg, struct buf *out)
{
    size_t start = out->len;
    int rc = 0;
    for (const struct metrics_family *f = reg->families; rc == 0 && f; f = f->next)
        rc = render_family(out, f);
    if (rc != 0)
        out->len = start;
    return rc;
}
