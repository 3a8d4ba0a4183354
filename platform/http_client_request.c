/* http_client_request — one transfer: validation, curl easy setup, the response
 * data, and the result handed to the callback (see http_client.h). */
#include "platform/http_client_internal.h"
#include "platform/mem.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static size_t write_cb(char *data, size_t size, size_t n, void *userp)
{
    struct http_client_request *req = userp;
    size_t len = size * n;
    if (len > req->max_response - req->resp_body.len) {
        req->too_large = true;
        return 0; /* curl fails the transfer with CURLE_WRITE_ERROR */
    }
    if (buf_append(&req->resp_body, data, len) != 0) {
        req->oom = true;
        return 0;
    }
    return len;
}

/* One header line: a status line starts a new response (after 1xx), others are
 * kept as "name\0value\0". */
static size_t header_cb(char *data, size_t size, size_t n, void *userp)
{
    struct http_client_request *req = userp;
    size_t len = size * n;
    if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
        buf_reset(&req->resp_headers);
        return len;
    }
    const char *colon = memchr(data, ':', len);
    if (!colon)
        return len; /* the blank line that ends the headers */
    size_t name_len = (size_t)(colon - data);
    const char *v = colon + 1, *end = data + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (req->resp_headers.len + len + 2 > HTTP_CLIENT_MAX_RESPONSE_HEADERS) {
        req->too_large = true;
        return 0;
    }
    if (buf_append(&req->resp_headers, data, name_len) != 0 ||
        buf_append(&req->resp_headers, "", 1) != 0 ||
        buf_append(&req->resp_headers, v, (size_t)(end - v)) != 0 ||
        buf_append(&req->resp_headers, "", 1) != 0) {
        req->oom = true;
        return 0;
    }
    return len;
}

const char *http_client_response_header(const struct http_client_response *resp, const char *name)
{
    const char *found = NULL;
    const char *p = (const char *)resp->headers.data;
    const char *end = p + resp->headers.len;
    while (p < end) {
        const char *value = p + strlen(p) + 1;
        if (strcasecmp(p, name) == 0)
            found = value;
        p = value + strlen(value) + 1;
    }
    return found;
}

static bool method_valid(const char *m)
{
    size_t n = strnlen(m, 17);
    if (n == 0 || n > 16)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (m[i] < 'A' || m[i] > 'Z')
            return false;
    }
    return true;
}

/* An absolute http(s) URL that curl can parse. */
static bool url_valid(const char *url)
{
    if (!url || strnlen(url, HTTP_CLIENT_MAX_URL + 1) > HTTP_CLIENT_MAX_URL ||
        (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0))
        return false;
    CURLU *u = curl_url();
    if (!u)
        return false;
    bool ok = curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK;
    curl_url_cleanup(u);
    return ok;
}

/* The caller's header lines plus "Expect:" (no 100-continue round trip). */
static int build_headers(struct http_client_request *req, const char *const *lines)
{
    for (size_t i = 0; lines && lines[i]; i++) {
        if (strpbrk(lines[i], "\r\n") || !strchr(lines[i], ':'))
            return -EINVAL;
    }
    for (size_t i = 0; lines && lines[i]; i++) {
        struct curl_slist *l = curl_slist_append(req->headers, lines[i]);
        if (!l)
            return -ENOMEM;
        req->headers = l;
    }
    struct curl_slist *l = curl_slist_append(req->headers, "Expect:");
    if (!l)
        return -ENOMEM;
    req->headers = l;
    return 0;
}

static int set_method(struct http_client_request *req, const char *method, size_t body_len)
{
    CURL *e = req->easy;
    CURLcode c = CURLE_OK;
    if (strcmp(method, "HEAD") == 0)
        c = curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    else if (strcmp(method, "GET") != 0)
        c = curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
    if (c == CURLE_OK && (body_len || strcmp(method, "POST") == 0)) {
        c = curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
        if (c == CURLE_OK)
            c = curl_easy_setopt(e, CURLOPT_POSTFIELDS, req->body ? req->body : "");
    }
    return c == CURLE_OK ? 0 : c == CURLE_OUT_OF_MEMORY ? -ENOMEM : -EINVAL;
}

static int setup_easy(struct http_client_request *req, const struct http_client_options *o)
{
    struct http_client *cli = req->cli;
    CURL *e = req->easy;
    uint64_t timeout = o->timeout_ms ? o->timeout_ms : HTTP_CLIENT_DEFAULT_TIMEOUT_MS;
    uint64_t connect =
        o->connect_timeout_ms ? o->connect_timeout_ms : HTTP_CLIENT_DEFAULT_CONNECT_MS;
    if (connect > timeout)
        connect = timeout;
    CURLcode c = CURLE_OK;
#define SET(opt, val) (c = c == CURLE_OK ? curl_easy_setopt(e, opt, val) : c)
    SET(CURLOPT_URL, o->url);
    SET(CURLOPT_PRIVATE, req);
    SET(CURLOPT_ERRORBUFFER, req->errbuf);
    SET(CURLOPT_WRITEFUNCTION, write_cb);
    SET(CURLOPT_WRITEDATA, req);
    SET(CURLOPT_HEADERFUNCTION, header_cb);
    SET(CURLOPT_HEADERDATA, req);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_TIMEOUT_MS, (long)timeout);
    SET(CURLOPT_CONNECTTIMEOUT_MS, (long)connect);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)req->max_response);
    SET(CURLOPT_HTTPHEADER, req->headers);
    SET(CURLOPT_USERAGENT, cli->user_agent);
    if (cli->ca_file)
        SET(CURLOPT_CAINFO, cli->ca_file);
    if (cli->insecure) {
        SET(CURLOPT_SSL_VERIFYPEER, 0L);
        SET(CURLOPT_SSL_VERIFYHOST, 0L);
    }
#undef SET
    if (c != CURLE_OK)
        return c == CURLE_OUT_OF_MEMORY ? -ENOMEM : -EINVAL;
    return set_method(req, o->method ? o->method : "GET", o->body_len);
}

int http_client_request_build(struct http_client *cli, const struct http_client_options *o,
                              http_client_done_cb cb, void *arg, struct http_client_request **out)
{
    if (!cb || (o->method && !method_valid(o->method)) || !url_valid(o->url) ||
        (o->body_len && !o->body))
        return -EINVAL;
    struct http_client_request *req = mem_calloc(1, sizeof(*req));
    if (!req)
        return -ENOMEM;
    req->cli = cli;
    req->cb = cb;
    req->arg = arg;
    req->max_response = o->max_response ? o->max_response : cli->max_response;
    buf_init(&req->resp_body);
    buf_init(&req->resp_headers);
    int rc = -ENOMEM;
    if (o->body_len && !(req->body = mem_dup(o->body, o->body_len)))
        goto err;
    if (!(req->easy = curl_easy_init()))
        goto err;
    if ((rc = build_headers(req, o->headers)) != 0 || (rc = setup_easy(req, o)) != 0)
        goto err;
    *out = req;
    return 0;
err:
    http_client_request_free(req);
    return rc;
}

void http_client_request_free(struct http_client_request *req)
{
    if (req->easy)
        curl_easy_cleanup(req->easy);
    curl_slist_free_all(req->headers);
    mem_free(req->body);
    buf_free(&req->resp_body);
    buf_free(&req->resp_headers);
    mem_free(req);
}

static int map_error(const struct http_client_request *req, CURLcode res)
{
    switch (res) {
    case CURLE_OK:
        return 0;
    case CURLE_OPERATION_TIMEDOUT:
        return -ETIMEDOUT;
    case CURLE_COULDNT_CONNECT:
        return -ECONNREFUSED;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return -EHOSTUNREACH;
    case CURLE_FILESIZE_EXCEEDED:
        return -E2BIG;
    case CURLE_WRITE_ERROR:
        return req->too_large ? -E2BIG : req->oom ? -ENOMEM : -EIO;
    case CURLE_OUT_OF_MEMORY:
        return -ENOMEM;
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
        return -ECONNRESET;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
        return -EPROTO;
    default:
        return -EIO;
    }
}

/* Take req out of the multi handle and the client's list. */
static void detach(struct http_client_request *req)
{
    struct http_client *cli = req->cli;
    curl_multi_remove_handle(cli->multi, req->easy);
    if (req->prev)
        req->prev->next = req->next;
    else
        cli->reqs = req->next;
    if (req->next)
        req->next->prev = req->prev;
}

void http_client_cancel(struct http_client_request *req)
{
    if (req->finishing)
        return;
    detach(req);
    http_client_request_free(req);
}

void http_client_request_finish(struct http_client_request *req, CURLcode res, int err)
{
    detach(req);
    struct http_client_response resp = {.err = err ? err : map_error(req, res)};
    char msg[CURL_ERROR_SIZE + 64];
    if (err == -ECANCELED)
        snprintf(msg, sizeof(msg), "the client was closed");
    else if (resp.err == -E2BIG && req->too_large)
        snprintf(msg, sizeof(msg), "the response is larger than %zu bytes", req->max_response);
    else
        snprintf(msg, sizeof(msg), "%s", req->errbuf[0] ? req->errbuf : curl_easy_strerror(res));
    resp.error = resp.err ? msg : "";
    if (resp.err == 0)
        curl_easy_getinfo(req->easy, CURLINFO_RESPONSE_CODE, &resp.status);
    resp.body = req->resp_body;
    resp.headers = req->resp_headers;
    buf_init(&req->resp_body);
    buf_init(&req->resp_headers);
    req->finishing = true;
    req->cb(&resp, req->arg);
    buf_free(&resp.body);
    buf_free(&resp.headers);
    http_client_request_free(req);
}
