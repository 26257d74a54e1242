/* The static list of collector modules, and the frozen, reference-counted config objects they
 * share between threads. Adding a module means adding one line here (and its directory under
 * src/); the agent, scheduler and config pick it up from this list. */
#include "core/module.h"

#include <poll.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

extern const struct module_ops md_module;
extern const struct module_ops smart_module;
extern const struct module_ops zfs_module;
extern const struct module_ops exec_module;

/* In srvhModuleIndex order (md 1, smart 2, zfs 3, exec 4); the agent sorts its rows anyway. */
const struct module_ops *const srvh_modules[] = {
    &md_module,
    &smart_module,
    &zfs_module,
    &exec_module,
};
const size_t srvh_n_modules = sizeof(srvh_modules) / sizeof(srvh_modules[0]);

int module_position(const char *name)
{
        for (size_t i = 0; i < srvh_n_modules; i++) {
                if (strcmp(srvh_modules[i]->name, name) == 0)
                        return (int)i;
        }
        return -1;
}

const struct module_ops *module_find(const char *name)
{
        int i = module_position(name);
        return i < 0 ? NULL : srvh_modules[i];
}

bool module_ctx_expired(const struct module_ctx *ctx)
{
        return ctx->deadline_ms > 0 && ctx->now_ms && ctx->now_ms() >= ctx->deadline_ms;
}

bool module_ctx_cancelled(const struct module_ctx *ctx)
{
        if (ctx->cancel_fd < 0)
                return false;
        struct pollfd p = {.fd = ctx->cancel_fd, .events = POLLIN};
        return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

struct module_conf {
        atomic_uint refs;
        const struct module_ops *ops;
        void *data;
};

struct module_conf *module_conf_new(const struct module_ops *ops)
{
        struct module_conf *c = calloc(1, sizeof(*c));
        if (!c)
                return NULL;
        atomic_init(&c->refs, 1);
        c->ops = ops;
        if (ops->config && ops->config->new_config) {
                c->data = ops->config->new_config();
                if (!c->data) {
                        free(c);
                        return NULL;
                }
        }
        return c;
}

void *module_conf_data(struct module_conf *c)
{
        return c ? c->data : NULL;
}

const void *module_conf_get(const struct module_conf *c)
{
        return c ? c->data : NULL;
}

struct module_conf *module_conf_ref(struct module_conf *c)
{
        if (c)
                atomic_fetch_add_explicit(&c->refs, 1, memory_order_relaxed);
        return c;
}

void module_conf_unref(struct module_conf *c)
{
        if (!c || atomic_fetch_sub_explicit(&c->refs, 1, memory_order_acq_rel) != 1)
                return;
        if (c->ops->config && c->ops->config->free_config)
                c->ops->config->free_config(c->data);
        free(c);
}
