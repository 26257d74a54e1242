/* libFuzzer target for md's model and diff on parser output: the input holds two /proc/mdstat
 * texts and a set of sysfs attribute texts (parts split at "\n\x01\n" and NUL); both polls are
 * built into rows (md_model_build), the second inherits last-change times and is diffed against
 * the first (md_diff). Checks the rows' and events' own invariants: enums in range, counts not
 * negative, progress a fraction or absent, strings terminated, one notification per known trap. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "md/md_model.h"
#include "md/md_parse.h"
#include "srvhealth/oids.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ATTRS 12

static void check_row(const struct md_array_row *r)
{
        if (r->state < MD_STATE_CLEAN || r->state >= MD_STATE_MAX_ || r->health < SRVH_HEALTH_OK ||
            r->health > SRVH_HEALTH_UNKNOWN || r->sync_action < MD_SYNC_IDLE ||
            r->sync_action >= MD_SYNC_MAX_)
                abort();
        if (r->total < 0 || r->active < 0 || r->working < 0 || r->failed < 0 || r->spare < 0)
                abort();
        if (r->sync_progress < -1 || r->sync_progress > 10000 || r->sync_eta_s < -1)
                abort();
        if (strnlen(r->summary, sizeof(r->summary)) == sizeof(r->summary) ||
            strnlen(r->name, sizeof(r->name)) == sizeof(r->name))
                abort();
        for (size_t k = 0; k < r->n_members; k++) {
                const struct md_member_row *m = &r->members[k];
                if (m->role < MD_ROLE_ACTIVE || m->role >= MD_ROLE_MAX_ || m->index == 0 ||
                    strnlen(m->device, sizeof(m->device)) == sizeof(m->device))
                        abort();
                if (k > 0 && m->index <= r->members[k - 1].index)
                        abort(); /* member rows sorted and unique: the walker needs it */
        }
}

static int cmp_index(const void *a, const void *b)
{
        const struct md_array_row *x = a, *y = b;
        return x->index < y->index ? -1 : x->index > y->index;
}

/* Rows of one mdstat text, the first array with the given sysfs texts. */
static size_t build(const char *text, size_t len, const struct md_sysfs_raw *sys,
                    struct md_array_row **ret)
{
        struct mdstat *ms = NULL;
        *ret = NULL;
        if (md_parse_mdstat(text, len, &ms) != 0)
                return 0;
        struct md_array_row *rows = calloc(ms->n_arrays + 1, sizeof(*rows));
        size_t n = 0;
        for (size_t i = 0; rows && i < ms->n_arrays; i++) {
                struct md_array_row r;
                if (md_model_build(&ms->arrays[i], i == 0 ? sys : NULL, &r) != 0)
                        continue;
                check_row(&r);
                bool dup = r.index == 0;
                for (size_t k = 0; k < n && !dup; k++)
                        dup = rows[k].index == r.index;
                if (dup)
                        md_array_row_clear(&r); /* the collector maps other names; not here */
                else
                        rows[n++] = r;
        }
        mdstat_free(ms);
        if (rows)
                qsort(rows, n, sizeof(*rows), cmp_index);
        *ret = rows;
        return n;
}

static void free_rows(struct md_array_row *rows, size_t n)
{
        for (size_t i = 0; i < n; i++)
                md_array_row_clear(&rows[i]);
        free(rows);
}

static const uint8_t *find_sep(const uint8_t *p, size_t n)
{
        for (size_t i = 0; i + 3 <= n; i++) {
                if (p[i] == '\n' && p[i + 1] == 1 && p[i + 2] == '\n')
                        return p + i;
        }
        return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        /* part 1: first mdstat; part 2: second mdstat; part 3: NUL-separated sysfs texts */
        const uint8_t *s1 = find_sep(data, size);
        size_t n1 = s1 ? (size_t)(s1 - data) : size;
        const uint8_t *p2 = s1 ? s1 + 3 : data + size;
        size_t r2 = (size_t)(data + size - p2);
        const uint8_t *s2 = find_sep(p2, r2);
        size_t n2 = s2 ? (size_t)(s2 - p2) : r2;
        const uint8_t *p3 = s2 ? s2 + 3 : p2 + r2;
        size_t n3 = (size_t)(data + size - p3);

        char *attrs = malloc(n3 + 1);
        if (!attrs)
                return 0;
        memcpy(attrs, p3, n3);
        attrs[n3] = '\0';
        const char *a[ATTRS] = {0};
        size_t off = 0;
        for (size_t i = 0; i < ATTRS && off < n3 + 1 && n3; i++) {
                a[i] = attrs + off;
                off += strlen(attrs + off) + 1;
        }
        struct md_sysfs_raw sys = {.array_state = a[0],
                                   .level = a[1],
                                   .raid_disks = a[2],
                                   .degraded = a[3],
                                   .sync_action = a[4],
                                   .sync_completed = a[5],
                                   .sync_speed = a[6],
                                   .mismatch_cnt = a[7],
                                   .component_size = a[8],
                                   .array_size = a[9],
                                   .uuid = a[10],
                                   .metadata_version = a[11]};

        struct md_array_row *old = NULL, *cur = NULL;
        size_t n_old = build((const char *)data, n1, n3 ? &sys : NULL, &old);
        size_t n_cur = build((const char *)p2, n2, n3 ? &sys : NULL, &cur);
        md_carry_last_change(NULL, 0, old, n_old, 1000);
        md_carry_last_change(old, n_old, cur, n_cur, 2000);
        for (size_t i = 0; i < n_cur; i++) {
                if (cur[i].last_change != 1000 && cur[i].last_change != 2000)
                        abort();
        }

        struct md_diff_cfg cfg = {.rebuild_step = size ? data[0] % 101 : 20};
        struct event_list ev = {0};
        if (md_diff(old, n_old, cur, n_cur, &cfg, &ev) == 0) {
                for (size_t i = 0; i < ev.n; i++) {
                        const struct srvh_event *e = &ev.v[i];
                        if (e->trap < 1 || e->trap > 19 || e->severity < SRVH_HEALTH_OK ||
                            e->severity > SRVH_HEALTH_UNKNOWN || !e->object[0] ||
                            strnlen(e->text, sizeof(e->text)) == sizeof(e->text))
                                abort();
                }
        }
        /* the first poll since start: only arrays already in trouble raise anything */
        struct event_list first = {0};
        if (md_diff(NULL, 0, cur, n_cur, &cfg, &first) == 0) {
                for (size_t i = 0; i < first.n; i++) {
                        if (first.v[i].severity == SRVH_HEALTH_OK)
                                abort();
                }
        }
        event_list_free(&ev);
        event_list_free(&first);
        free_rows(old, n_old);
        free_rows(cur, n_cur);
        free(attrs);
        return 0;
}
