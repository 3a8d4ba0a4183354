/* config_help — the --help text generated from an option table (see config.h). */
#include "platform/config_internal.h"

#include <inttypes.h>
#include <string.h>

#define HELP_COLUMN_MAX 32 /* wider left columns put the help on the next line */

static const char *const general = "General";

int config_metavar(const struct config_option *o, struct buf *out)
{
    static const char *const by_type[] = {
        [CONFIG_STRING] = "STRING", [CONFIG_INT] = "N",         [CONFIG_BOOL] = "",
        [CONFIG_SIZE] = "SIZE",     [CONFIG_DURATION] = "TIME", [CONFIG_LIST] = "A,B,...",
        [CONFIG_ENUM] = "",
    };
    if (o->metavar)
        return buf_printf(out, "%s", o->metavar);
    if (o->type != CONFIG_ENUM)
        return buf_printf(out, "%s", by_type[o->type]);
    int rc = 0;
    for (size_t i = 0; rc == 0 && o->choices[i]; i++)
        rc = buf_printf(out, "%s%s", i ? "|" : "", o->choices[i]);
    return rc;
}

/* "  --name METAVAR", "  --[no-]name" for a boolean. */
static int left_column(const struct config_option *o, struct buf *out)
{
    if (o->type == CONFIG_BOOL)
        return buf_printf(out, "  --[no-]%s", o->name);
    int rc = buf_printf(out, "  --%s ", o->name);
    return rc == 0 ? config_metavar(o, out) : rc;
}

/* " (required, 1..64, default: 4)" or nothing. */
static int annotations(const struct config_option *o, struct buf *out)
{
    const char *sep = " (";
    int rc = 0;
    if (o->flags & CONFIG_REQUIRED) {
        rc = buf_printf(out, "%srequired", sep);
        sep = ", ";
    }
    if (rc == 0 && o->type == CONFIG_INT && o->min < o->max) {
        rc = buf_printf(out, "%s%" PRId64 "..%" PRId64, sep, o->min, o->max);
        sep = ", ";
    }
    bool shown = o->def && o->def[0] && !(o->type == CONFIG_BOOL && strcmp(o->def, "false") == 0);
    if (rc == 0 && shown) {
        rc = buf_printf(out, "%sdefault: %s", sep, o->def);
        sep = ", ";
    }
    if (rc == 0 && sep[0] == ',')
        rc = buf_printf(out, ")");
    return rc;
}

/* One option line: the left column padded to width, then help and annotations. */
static int option_line(struct buf *out, const char *left, size_t left_len, size_t width,
                       const char *help, const struct config_option *o)
{
    int rc = buf_printf(out, "%.*s", (int)left_len, left);
    if (rc == 0 && left_len + 2 > width)
        rc = buf_printf(out, "\n%*s", (int)width, "");
    else if (rc == 0)
        rc = buf_printf(out, "%*s", (int)(width - left_len), "");
    if (rc == 0)
        rc = buf_printf(out, "%s", help ? help : "");
    if (rc == 0 && o)
        rc = annotations(o, out);
    return rc == 0 ? buf_printf(out, "\n") : rc;
}

static size_t column_width(const struct config_spec *spec, struct buf *tmp)
{
    size_t width = strlen("  --config FILE");
    for (size_t i = 0; i < spec->count; i++) {
        buf_reset(tmp);
        if (left_column(&spec->options[i], tmp) == 0 && tmp->len > width)
            width = tmp->len;
    }
    return (width > HELP_COLUMN_MAX ? HELP_COLUMN_MAX : width) + 2;
}

static const char *group_of(const struct config_option *o)
{
    return o->group ? o->group : "Options";
}

/* The options of one group, in table order; the built-ins close the "General" group. */
static int render_group(const struct config_spec *spec, const char *group, size_t width,
                        struct buf *out, struct buf *tmp)
{
    int rc = buf_printf(out, "\n%s:\n", group);
    for (size_t i = 0; rc == 0 && i < spec->count; i++) {
        const struct config_option *o = &spec->options[i];
        if (strcmp(group_of(o), group) != 0)
            continue;
        buf_reset(tmp);
        rc = left_column(o, tmp);
        if (rc == 0)
            rc = option_line(out, (const char *)tmp->data, tmp->len, width, o->help, o);
    }
    if (rc == 0 && strcmp(group, general) == 0) {
        const char *cfg = "  --config FILE", *help = "  -h, --help";
        rc = option_line(out, cfg, strlen(cfg), width,
                         "Read options from a JSON file (flags override it).", NULL);
        if (rc == 0)
            rc = option_line(out, help, strlen(help), width, "Print this help and exit.", NULL);
    }
    return rc;
}

/* Was group already rendered (it appears in an earlier option)? */
static bool seen_before(const struct config_spec *spec, size_t i)
{
    for (size_t k = 0; k < i; k++) {
        if (strcmp(group_of(&spec->options[k]), group_of(&spec->options[i])) == 0)
            return true;
    }
    return false;
}

int config_usage(const struct config_spec *spec, struct buf *out)
{
    size_t start = out->len;
    struct buf tmp;
    buf_init(&tmp);
    size_t width = column_width(spec, &tmp);
    int rc = buf_printf(out, "Usage: %s [OPTIONS]%s%s\n", spec->program,
                        spec->args_usage ? " " : "", spec->args_usage ? spec->args_usage : "");
    if (rc == 0 && spec->summary)
        rc = buf_printf(out, "%s\n", spec->summary);
    for (size_t i = 0; rc == 0 && i < spec->count; i++) {
        const char *g = group_of(&spec->options[i]);
        if (strcmp(g, general) != 0 && !seen_before(spec, i))
            rc = render_group(spec, g, width, out, &tmp);
    }
    if (rc == 0)
        rc = render_group(spec, general, width, out, &tmp);
    buf_free(&tmp);
    if (rc != 0)
        out->len = start;
    return rc;
}
