/* The ZFS notifications: compares two polls of srvhZpoolTable and srvhZfsVdevTable rows and
 * appends one event per change (health, scans that start and finish, rising vdev error counters
 * and data errors, pools that come and go, overdue scrubs). Pure: no clock, no I/O. */
#include <stdio.h>
#include <string.h>

#include "srvhealth/oids.h"
#include "zfs/zfs_model.h"

int zfs_name_cmp(const char *a, const char *b)
{
        size_t la = strlen(a), lb = strlen(b);
        if (la != lb)
                return la < lb ? -1 : 1;
        return memcmp(a, b, la);
}

static const char *health_word(const struct zfs_pool_row *p)
{
        return zfs_pool_health_name(p->list.health);
}

static int health_event(const struct zfs_pool_row *o, const struct zfs_pool_row *n,
                        struct event_list *out)
{
        char extra[64] = "";
        if (n->data_errors)
                snprintf(extra, sizeof(extra), ", %llu data errors",
                         (unsigned long long)n->data_errors);
        return event_add(out, SRVH_TRAP_ZPOOL_HEALTH_CHANGED, n->health, n->list.name,
                         health_word(n), o ? health_word(o) : "", n->list.health,
                         "pool %s is %s%s%s%s%s", n->list.name, health_word(n), o ? " (was " : "",
                         o ? health_word(o) : "", o ? ")" : "", extra);
}

static int overdue_event(const struct zfs_pool_row *n, struct event_list *out)
{
        uint64_t days = n->scan_age_s > 0 ? (uint64_t)n->scan_age_s / 86400 : 0;
        return event_add(out, SRVH_TRAP_ZPOOL_NO_RECENT_SCRUB, SRVH_HEALTH_WARNING, n->list.name,
                         "overdue", "", days > UINT32_MAX ? UINT32_MAX : (uint32_t)days,
                         "pool %s: last scan finished %llu days ago; run 'zpool scrub %s'",
                         n->list.name, (unsigned long long)days, n->list.name);
}

static int first_events(const struct zfs_pool_row *n, struct event_list *out)
{
        int r = 0;
        if (n->health != SRVH_HEALTH_OK)
                r = health_event(NULL, n, out);
        if (r == 0 && n->scrub_overdue == 1)
                r = overdue_event(n, out);
        return r;
}

static bool scan_finished_now(const struct zfs_pool_row *o, const struct zfs_pool_row *n)
{
        if (!n->has_status || n->scan.state != ZFS_SCAN_FINISHED)
                return false;
        if (!o->has_status)
                return false;
        return o->scan.state != ZFS_SCAN_FINISHED || o->scan_time != n->scan_time ||
               o->scan.func != n->scan.func;
}

/* A scrub or resilver running now that was not running (or was another one) at the last poll. */
static bool scan_started_now(const struct zfs_pool_row *o, const struct zfs_pool_row *n)
{
        if (!n->has_status || !o->has_status || n->scan.state != ZFS_SCAN_RUNNING)
                return false;
        bool was_on = o->scan.state == ZFS_SCAN_RUNNING || o->scan.state == ZFS_SCAN_PAUSED;
        return !was_on || o->scan.func != n->scan.func || o->scan_time != n->scan_time;
}

static int pool_events(const struct zfs_pool_row *o, const struct zfs_pool_row *n,
                       struct event_list *out)
{
        int r = 0;
        if (o->list.health != n->list.health)
                r = health_event(o, n, out);
        if (r == 0 && scan_finished_now(o, n)) {
                const char *f = zfs_scan_func_name(n->scan.func);
                r = event_add(out, SRVH_TRAP_ZPOOL_SCAN_FINISHED,
                              n->scan.errors ? SRVH_HEALTH_WARNING : SRVH_HEALTH_OK, n->list.name,
                              f, zfs_scan_state_name(o->scan.state),
                              n->scan.errors > UINT32_MAX ? UINT32_MAX : (uint32_t)n->scan.errors,
                              "pool %s: %s finished with %llu errors", n->list.name, f,
                              (unsigned long long)n->scan.errors);
        }
        if (r == 0 && n->scrub_overdue == 1 && o->scrub_overdue != 1)
                r = overdue_event(n, out);
        if (r == 0 && scan_started_now(o, n)) {
                const char *f = zfs_scan_func_name(n->scan.func);
                r = event_add(out, SRVH_TRAP_ZPOOL_SCAN_STARTED, SRVH_HEALTH_OK, n->list.name, f,
                              zfs_scan_state_name(o->scan.state), 0, "pool %s: %s started",
                              n->list.name, f);
        }
        if (r == 0 && n->has_status && o->has_status && n->data_errors > o->data_errors)
                r = event_add(out, SRVH_TRAP_ZPOOL_DATA_ERRORS, SRVH_HEALTH_WARNING, n->list.name,
                              health_word(n), health_word(o),
                              n->data_errors > UINT32_MAX ? UINT32_MAX : (uint32_t)n->data_errors,
                              "pool %s: %llu data errors (was %llu); 'zpool status -v %s' lists "
                              "the damaged files",
                              n->list.name, (unsigned long long)n->data_errors,
                              (unsigned long long)o->data_errors, n->list.name);
        return r;
}

static int vdev_cmp(const struct zfs_vdev_row *a, const struct zfs_vdev_row *b)
{
        return mib_oid_cmp(a->idx, a->idx_len, b->idx, b->idx_len);
}

static int vdev_events(const struct zfs_data *o, const struct zfs_data *n, struct event_list *out)
{
        size_t i = 0;
        for (size_t j = 0; j < n->n_vdevs; j++) {
                const struct zfs_vdev_row *nv = &n->vdevs[j];
                while (i < o->n_vdevs && vdev_cmp(&o->vdevs[i], nv) < 0)
                        i++;
                if (i == o->n_vdevs || vdev_cmp(&o->vdevs[i], nv) != 0)
                        continue;
                const struct zpool_vdev *a = &o->vdevs[i].v, *b = &nv->v;
                if (!a->has_counters || !b->has_counters)
                        continue;
                if (b->read <= a->read && b->write <= a->write && b->cksum <= a->cksum)
                        continue;
                char object[SRVH_EVENT_OBJECT_MAX];
                snprintf(object, sizeof(object), "%.40s/%.20s", nv->pool, b->name);
                uint64_t sum = b->read + b->write + b->cksum;
                int r = event_add(out, SRVH_TRAP_ZFS_VDEV_ERRORS, SRVH_HEALTH_WARNING, object,
                                  zfs_vdev_state_name(b->state), zfs_vdev_state_name(a->state),
                                  sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum,
                                  "%s/%s: read %llu write %llu checksum %llu errors (was %llu "
                                  "%llu %llu)",
                                  nv->pool, b->name, (unsigned long long)b->read,
                                  (unsigned long long)b->write, (unsigned long long)b->cksum,
                                  (unsigned long long)a->read, (unsigned long long)a->write,
                                  (unsigned long long)a->cksum);
                if (r < 0)
                        return r;
        }
        return 0;
}

static int diff_all(const struct zfs_data *o, const struct zfs_data *n, struct event_list *out)
{
        size_t i = 0, j = 0;
        int r = 0;
        if (!o) {
                for (j = 0; j < n->n_pools && r == 0; j++)
                        r = first_events(&n->pools[j], out);
                return r;
        }
        while ((i < o->n_pools || j < n->n_pools) && r == 0) {
                const struct zfs_pool_row *op = i < o->n_pools ? &o->pools[i] : NULL;
                const struct zfs_pool_row *np = j < n->n_pools ? &n->pools[j] : NULL;
                int c = !op ? 1 : !np ? -1 : zfs_name_cmp(op->list.name, np->list.name);
                if (c < 0) {
                        r = event_add(out, SRVH_TRAP_ZPOOL_DISAPPEARED, SRVH_HEALTH_WARNING,
                                      op->list.name, "", health_word(op), 0,
                                      "pool %s is no longer imported (was %s)", op->list.name,
                                      health_word(op));
                        i++;
                } else if (c > 0) {
                        r = event_add(out, SRVH_TRAP_ZPOOL_APPEARED, SRVH_HEALTH_OK, np->list.name,
                                      health_word(np), "", 0, "pool %s appeared, %s", np->list.name,
                                      health_word(np));
                        if (r == 0)
                                r = first_events(np, out);
                        j++;
                } else {
                        r = pool_events(op, np, out);
                        i++;
                        j++;
                }
        }
        if (r == 0)
                r = vdev_events(o, n, out);
        return r;
}

int zfs_diff(const struct zfs_data *old, const struct zfs_data *new_data, struct event_list *out)
{
        size_t before = out->n;
        int r = diff_all(old, new_data, out);
        if (r < 0)
                out->n = before;
        return r;
}
