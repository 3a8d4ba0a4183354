/* http_route — method + path pattern matching (see http_route.h). */
#include "platform/http_route.h"

#include "platform/mem.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct segment {
    const char *text; /* literal text or parameter name (in route->pattern) */
    size_t len;
    bool param;
};

struct route {
    struct route *next;
    char method[HTTP_ROUTE_MAX_METHOD + 1];
    char *pattern; /* copy, split in place */
    size_t nseg;
    struct segment seg[HTTP_ROUTE_MAX_SEGMENTS];
    uint32_t literal_mask; /* bit 31-i set when segment i is a literal */
    http_handler_cb cb;
    void *arg;
};

struct http_router {
    struct route *routes; /* in registration order */
    struct route **tail;
};

struct http_router *http_router_new(void)
{
    struct http_router *r = mem_calloc(1, sizeof(*r));
    if (r)
        r->tail = &r->routes;
    return r;
}

void http_router_free(struct http_router *r)
{
    if (!r)
        return;
    struct route *rt = r->routes;
    while (rt) {
        struct route *next = rt->next;
        mem_free(rt->pattern);
        mem_free(rt);
        rt = next;
    }
    mem_free(r);
}

/* Split an absolute path into segments ("/" is one empty segment). -EINVAL when
 * not absolute or longer than HTTP_ROUTE_MAX_SEGMENTS segments. */
static int split(const char *path, struct segment *seg, size_t *nseg)
{
    if (path[0] != '/')
        return -EINVAL;
    size_t n = 0;
    const char *p = path + 1;
    for (;;) {
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (n == HTTP_ROUTE_MAX_SEGMENTS)
            return -EINVAL;
        seg[n++] = (struct segment){p, len, false};
        if (!end)
            break;
        p = end + 1;
    }
    *nseg = n;
    return 0;
}

static bool param_name_valid(const char *s, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                  (i > 0 && c >= '0' && c <= '9');
        if (!ok)
            return false;
    }
    return true;
}

/* Mark `{name}` segments as parameters; check names and their count. */
static int parse_params(struct route *rt)
{
    size_t nparams = 0;
    for (size_t i = 0; i < rt->nseg; i++) {
        struct segment *s = &rt->seg[i];
        if (memchr(s->text, '{', s->len) == NULL && memchr(s->text, '}', s->len) == NULL) {
            rt->literal_mask |= 1u << (31 - i);
            continue;
        }
        if (s->len < 2 || s->text[0] != '{' || s->text[s->len - 1] != '}' ||
            !param_name_valid(s->text + 1, s->len - 2) || ++nparams > HTTP_ROUTE_MAX_PARAMS)
            return -EINVAL;
        s->text++;
        s->len -= 2;
        s->param = true;
        rt->pattern[(size_t)(s->text - rt->pattern) + s->len] = '\0'; /* the '}' */
        for (size_t k = 0; k < i; k++) {
            if (rt->seg[k].param && rt->seg[k].len == s->len &&
                memcmp(rt->seg[k].text, s->text, s->len) == 0)
                return -EINVAL;
        }
    }
    return 0;
}

static bool method_valid(const char *m)
{
    size_t n = strnlen(m, HTTP_ROUTE_MAX_METHOD + 1);
    if (n == 0 || n > HTTP_ROUTE_MAX_METHOD)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (m[i] < 'A' || m[i] > 'Z')
            return false;
    }
    return true;
}

static bool same_shape(const struct route *a, const struct route *b)
{
    if (strcmp(a->method, b->method) != 0 || a->nseg != b->nseg)
        return false;
    for (size_t i = 0; i < a->nseg; i++) {
        const struct segment *x = &a->seg[i], *y = &b->seg[i];
        if (x->param != y->param)
            return false;
        if (!x->param && (x->len != y->len || memcmp(x->text, y->text, x->len) != 0))
            return false;
    }
    return true;
}

int http_router_add(struct http_router *r, const char *method, const char *pattern,
                    http_handler_cb cb, void *arg)
{
    if (!method || !pattern || !cb || !method_valid(method))
        return -EINVAL;
    struct route *rt = mem_calloc(1, sizeof(*rt));
    if (!rt)
        return -ENOMEM;
    int rc = -ENOMEM;
    if (!(rt->pattern = mem_strdup(pattern)))
        goto err;
    snprintf(rt->method, sizeof(rt->method), "%s", method);
    rt->cb = cb;
    rt->arg = arg;
    if ((rc = split(rt->pattern, rt->seg, &rt->nseg)) != 0 || (rc = parse_params(rt)) != 0)
        goto err;
    for (const struct route *o = r->routes; o; o = o->next) {
        if (same_shape(o, rt)) {
            rc = -EEXIST;
            goto err;
        }
    }
    *r->tail = rt;
    r->tail = &rt->next;
    return 0;
err:
    mem_free(rt->pattern);
    mem_free(rt);
    return rc;
}

static bool path_matches(const struct route *rt, const struct segment *seg, size_t nseg)
{
    if (rt->nseg != nseg)
        return false;
    for (size_t i = 0; i < nseg; i++) {
        const struct segment *p = &rt->seg[i];
        if (p->param ? seg[i].len == 0
                     : (p->len != seg[i].len || memcmp(p->text, seg[i].text, p->len) != 0))
            return false;
    }
    return true;
}

/* Add method to the comma-separated allow list unless it is there. */
static void allow_add(char *allow, const char *method)
{
    size_t n = strlen(method);
    for (const char *p = allow; (p = strstr(p, method)) != NULL; p += n) {
        if ((p == allow || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
            return;
    }
    size_t used = strlen(allow);
    snprintf(allow + used, HTTP_ROUTE_ALLOW_MAX - used, "%s%s", used ? ", " : "", method);
}

/* The most specific route for method among those matching the path. */
static const struct route *best(const struct http_router *r, const char *method,
                                const struct segment *seg, size_t nseg, char *allow)
{
    const struct route *found = NULL;
    for (const struct route *rt = r->routes; rt; rt = rt->next) {
        if (!path_matches(rt, seg, nseg))
            continue;
        if (allow)
            allow_add(allow, rt->method);
        if (strcmp(rt->method, method) == 0 && (!found || rt->literal_mask > found->literal_mask))
            found = rt;
    }
    return found;
}

int http_router_match(const struct http_router *r, const char *method, const char *path,
                      struct http_route_match *m)
{
    struct segment seg[HTTP_ROUTE_MAX_SEGMENTS];
    size_t nseg;
    memset(m, 0, sizeof(*m));
    if (split(path, seg, &nseg) != 0)
        return -ENOENT;
    const struct route *rt = best(r, method, seg, nseg, m->allow);
    if (!rt && strcmp(method, "HEAD") == 0)
        rt = best(r, "GET", seg, nseg, NULL);
    if (!rt)
        return m->allow[0] ? -EPERM : -ENOENT;
    m->cb = rt->cb;
    m->arg = rt->arg;
    for (size_t i = 0; i < nseg; i++) {
        if (!rt->seg[i].param)
            continue;
        m->names[m->nparams] = rt->seg[i].text;
        m->values[m->nparams] = seg[i].text;
        m->lens[m->nparams++] = seg[i].len;
    }
    return 0;
}
