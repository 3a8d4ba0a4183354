/* http_client — curl's multi interface on a libuv loop: curl tells which sockets
 * to watch (socket_fn) and when to wake it (timer_fn); the loop reports readiness
 * back with curl_multi_socket_action() (see http_client.h). */
#include "platform/http_client.h"

#include "platform/http_client_internal.h"
#include "platform/log.h"
#include "platform/mem.h"

#include <errno.h>

static void client_handle_closed(struct http_client *cli)
{
    if (--cli->handles > 0)
        return;
    mem_free(cli->ca_file);
    mem_free(cli->user_agent);
    mem_free(cli);
    curl_global_cleanup();
}

static void timer_closed_cb(uv_handle_t *h)
{
    client_handle_closed(h->data);
}

static void sock_closed_cb(uv_handle_t *h)
{
    struct http_client_sock *s = h->data;
    struct http_client *cli = s->cli;
    mem_free(s);
    client_handle_closed(cli);
}

static void sock_close(struct http_client_sock *s)
{
    struct http_client *cli = s->cli;
    if (s->prev)
        s->prev->next = s->next;
    else
        cli->socks = s->next;
    if (s->next)
        s->next->prev = s->prev;
    uv_close((uv_handle_t *)&s->poll, sock_closed_cb);
}

static void close_now(struct http_client *cli);

/* Hand every finished transfer to its callback. */
static void check_done(struct http_client *cli)
{
    CURLMsg *msg;
    int left;
    cli->in_callback++;
    while ((msg = curl_multi_info_read(cli->multi, &left)) != NULL) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        struct http_client_request *req = NULL;
        CURLcode res = msg->data.result;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&req);
        http_client_request_finish(req, res, 0);
    }
    cli->in_callback--;
    if (cli->in_callback == 0 && cli->close_pending)
        close_now(cli);
}

static void action(struct http_client *cli, curl_socket_t fd, int flags)
{
    int running;
    CURLMcode mc = curl_multi_socket_action(cli->multi, fd, flags, &running);
    if (mc != CURLM_OK)
        log_warn("http_client.multi", "err=%s", curl_multi_strerror(mc));
    check_done(cli);
}

static void poll_cb(uv_poll_t *p, int status, int events)
{
    struct http_client_sock *s = p->data;
    int flags = status < 0 ? CURL_CSELECT_ERR : 0;
    if (events & UV_READABLE)
        flags |= CURL_CSELECT_IN;
    if (events & UV_WRITABLE)
        flags |= CURL_CSELECT_OUT;
    action(s->cli, s->fd, flags);
}

static void timer_cb(uv_timer_t *t)
{
    action(t->data, CURL_SOCKET_TIMEOUT, 0);
}

/* CURLMOPT_TIMERFUNCTION: wake curl in timeout_ms (-1: never). */
static int timer_fn(CURLM *multi, long timeout_ms, void *userp)
{
    struct http_client *cli = userp;
    (void)multi;
    if (timeout_ms < 0)
        uv_timer_stop(&cli->timer);
    else
        uv_timer_start(&cli->timer, timer_cb, (uint64_t)timeout_ms, 0);
    return 0;
}

static struct http_client_sock *sock_new(struct http_client *cli, curl_socket_t fd)
{
    struct http_client_sock *s = mem_calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    int rc = uv_poll_init_socket(cli->loop, &s->poll, fd);
    if (rc != 0) {
        log_warn("http_client.poll_init", "fd=%d err=%s", fd, uv_strerror(rc));
        mem_free(s);
        return NULL;
    }
    s->poll.data = s;
    s->fd = fd;
    s->cli = cli;
    s->next = cli->socks;
    if (cli->socks)
        cli->socks->prev = s;
    cli->socks = s;
    cli->handles++;
    if (curl_multi_assign(cli->multi, fd, s) != CURLM_OK) {
        sock_close(s);
        return NULL;
    }
    return s;
}

/* CURLMOPT_SOCKETFUNCTION: watch fd for what (or stop). -1 fails the transfers. */
static int socket_fn(CURL *easy, curl_socket_t fd, int what, void *userp, void *socketp)
{
    struct http_client *cli = userp;
    struct http_client_sock *s = socketp;
    (void)easy;
    if (what == CURL_POLL_REMOVE) {
        if (s) {
            curl_multi_assign(cli->multi, fd, NULL);
            sock_close(s);
        }
        return 0;
    }
    if (!s && !(s = sock_new(cli, fd)))
        return -1;
    int events = 0;
    if (what & CURL_POLL_IN)
        events |= UV_READABLE;
    if (what & CURL_POLL_OUT)
        events |= UV_WRITABLE;
    return uv_poll_start(&s->poll, events, poll_cb) == 0 ? 0 : -1;
}

static int multi_setup(struct http_client *cli)
{
    CURLMcode mc = curl_multi_setopt(cli->multi, CURLMOPT_SOCKETFUNCTION, socket_fn);
    if (mc == CURLM_OK)
        mc = curl_multi_setopt(cli->multi, CURLMOPT_SOCKETDATA, cli);
    if (mc == CURLM_OK)
        mc = curl_multi_setopt(cli->multi, CURLMOPT_TIMERFUNCTION, timer_fn);
    if (mc == CURLM_OK)
        mc = curl_multi_setopt(cli->multi, CURLMOPT_TIMERDATA, cli);
    return mc == CURLM_OK ? 0 : -EIO;
}

int http_client_new(uv_loop_t *loop, const struct http_client_config *cfg, struct http_client **out)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return -EIO;
    struct http_client *cli = mem_calloc(1, sizeof(*cli));
    int rc = -ENOMEM;
    if (!cli)
        goto err_global;
    cli->loop = loop;
    cli->insecure = cfg->insecure;
    cli->max_response = cfg->max_response ? cfg->max_response : HTTP_CLIENT_DEFAULT_MAX_RESPONSE;
    if ((cfg->ca_file && !(cli->ca_file = mem_strdup(cfg->ca_file))) ||
        !(cli->user_agent = mem_strdup(cfg->user_agent ? cfg->user_agent : "iot-platform")))
        goto err_free;
    if (!(cli->multi = curl_multi_init()))
        goto err_free;
    if ((rc = multi_setup(cli)) != 0) {
        curl_multi_cleanup(cli->multi);
        goto err_free;
    }
    uv_timer_init(loop, &cli->timer);
    cli->timer.data = cli;
    cli->handles = 1;
    *out = cli;
    return 0;
err_free:
    if (cli) {
        mem_free(cli->ca_file);
        mem_free(cli->user_agent);
    }
    mem_free(cli);
err_global:
    curl_global_cleanup();
    return rc;
}

int http_client_request(struct http_client *cli, const struct http_client_options *o,
                        http_client_done_cb cb, void *arg, struct http_client_request **out)
{
    if (cli->closing || cli->close_pending)
        return -ESHUTDOWN;
    struct http_client_request *req;
    int rc = http_client_request_build(cli, o, cb, arg, &req);
    if (rc != 0)
        return rc;
    CURLMcode mc = curl_multi_add_handle(cli->multi, req->easy);
    if (mc != CURLM_OK) {
        http_client_request_free(req);
        return mc == CURLM_OUT_OF_MEMORY ? -ENOMEM : -EIO;
    }
    req->next = cli->reqs;
    if (cli->reqs)
        cli->reqs->prev = req;
    cli->reqs = req;
    if (out)
        *out = req;
    return 0;
}

static void close_now(struct http_client *cli)
{
    cli->closing = true;
    cli->close_pending = false;
    while (cli->reqs)
        http_client_request_finish(cli->reqs, CURLE_OK, -ECANCELED);
    curl_multi_cleanup(cli->multi); /* may still ask to stop watching sockets */
    cli->multi = NULL;
    while (cli->socks)
        sock_close(cli->socks);
    uv_close((uv_handle_t *)&cli->timer, timer_closed_cb);
}

void http_client_close(struct http_client *cli)
{
    if (!cli || cli->closing)
        return;
    if (cli->in_callback) {
        cli->close_pending = true;
        return;
    }
    close_now(cli);
}
