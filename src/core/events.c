/* The event list that module diffs fill (see events.h). */
#include "core/events.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_str(char *dst, size_t dstsz, const char *src)
{
        snprintf(dst, dstsz, "%s", src ? src : "");
}

int event_add(struct event_list *l, unsigned trap, enum srvh_health severity, const char *object,
              const char *new_state, const char *old_state, uint32_t value, const char *fmt, ...)
{
        if (l->n == l->cap) {
                size_t cap = l->cap ? l->cap * 2 : 8;
                struct srvh_event *v = realloc(l->v, cap * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                l->v = v;
                l->cap = cap;
        }
        struct srvh_event *e = &l->v[l->n];
        memset(e, 0, sizeof(*e));
        e->trap = trap;
        e->severity = severity;
        e->value = value;
        copy_str(e->object, sizeof(e->object), object);
        copy_str(e->new_state, sizeof(e->new_state), new_state);
        copy_str(e->old_state, sizeof(e->old_state), old_state);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->text, sizeof(e->text), fmt, ap);
        va_end(ap);
        l->n++;
        return 0;
}

void event_list_free(struct event_list *l)
{
        free(l->v);
        l->v = NULL;
        l->n = l->cap = 0;
}

long event_list_prepend(struct event_list *dst, struct event_list *src, size_t max)
{
        size_t total = src->n + dst->n;
        size_t drop = total > max ? total - max : 0;
        size_t keep_src = drop >= src->n ? 0 : src->n - drop;
        size_t drop_dst = drop > src->n ? drop - src->n : 0;
        size_t n = keep_src + dst->n - drop_dst;
        struct srvh_event *v = malloc((n ? n : 1) * sizeof(*v));
        if (!v)
                return -ENOMEM;
        memcpy(v, src->v + (src->n - keep_src), keep_src * sizeof(*v));
        memcpy(v + keep_src, dst->v + drop_dst, (dst->n - drop_dst) * sizeof(*v));
        free(dst->v);
        dst->v = v;
        dst->n = dst->cap = n;
        event_list_free(src);
        return (long)drop;
}
