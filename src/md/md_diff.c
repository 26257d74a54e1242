/* The md notifications: compares two polls of srvhRaidArrayTable rows (md_model.c) the way
 * mdadm --monitor compares two reads of /proc/mdstat, and appends one event per change.
 * Pure: no clock, no I/O; the SNMP thread stamps and sends the events (notify.c). */
#include "md/md_model.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "srvhealth/oids.h"

#define MD_DIFF_DEFAULT_STEP 20

/* Raise/clear pairing works on health alone: an array is "raised" whenever it is not ok
 * (unknown included: we cannot say it is fine), so Recovered follows exactly one Degraded or
 * Failed, and an escalation from degraded to failed adds a Failed without a second clear. */
static bool raised(const struct md_array_row *r)
{
        return r->health != SRVH_HEALTH_OK;
}

static bool sync_running(const struct md_array_row *r)
{
        enum md_sync_action a = r->sync_action;

        if (r->state == MD_STATE_RESYNC_DELAYED || r->state == MD_STATE_RESYNC_PENDING)
                return false; /* queued, not running */
        return a == MD_SYNC_RESYNC || a == MD_SYNC_RECOVER || a == MD_SYNC_CHECK ||
               a == MD_SYNC_REPAIR || a == MD_SYNC_RESHAPE;
}

static enum srvh_health bad_severity(const struct md_array_row *r)
{
        return r->health == SRVH_HEALTH_CRITICAL ? SRVH_HEALTH_CRITICAL : SRVH_HEALTH_WARNING;
}

/* Degraded or Failed for an array that was not raised before (old == NULL: new or first poll). */
static int raise_events(const struct md_array_row *old, const struct md_array_row *r,
                        struct event_list *out)
{
        const char *old_state = old ? md_array_state_name(old->state) : "";

        if (r->state == MD_STATE_FAILED && (!old || old->state != MD_STATE_FAILED))
                return event_add(out, SRVH_TRAP_RAID_FAILED, SRVH_HEALTH_CRITICAL, r->name,
                                 md_array_state_name(r->state), old_state, 0, "%s", r->summary);
        if (raised(r) && (!old || !raised(old)))
                return event_add(out, SRVH_TRAP_RAID_DEGRADED, bad_severity(r), r->name,
                                 md_array_state_name(r->state), old_state, 0, "%s", r->summary);
        return 0;
}

static bool in_array(enum md_member_role r)
{
        return r == MD_ROLE_ACTIVE || r == MD_ROLE_WRITE_MOSTLY || r == MD_ROLE_REPLACEMENT ||
               r == MD_ROLE_JOURNAL;
}

static bool spare_like(enum md_member_role r)
{
        return r == MD_ROLE_SPARE || r == MD_ROLE_REBUILDING;
}

static int member_event(const struct md_array_row *arr, const struct md_member_row *o,
                        const struct md_member_row *n, struct event_list *out)
{
        char object[SRVH_EVENT_OBJECT_MAX];
        const char *was = o ? md_member_role_name(o->role) : "";
        const char *now = md_member_role_name(n->role);

        snprintf(object, sizeof(object), "%s/%s", arr->name, n->device);
        if (n->role == MD_ROLE_FAULTY) {
                if (o && spare_like(o->role))
                        return event_add(out, SRVH_TRAP_RAID_SPARE_FAILED, bad_severity(arr),
                                         object, now, was, 0, "%s: spare %s failed (was %s); %s",
                                         arr->name, n->device, was, arr->summary);
                if (!o || in_array(o->role))
                        return event_add(out, SRVH_TRAP_RAID_MEMBER_FAILED, bad_severity(arr),
                                         object, now, was, 0, "%s: %s failed%s%s%s; %s", arr->name,
                                         n->device, o ? " (was " : "", was, o ? ")" : "",
                                         arr->summary);
                return 0;
        }
        /* A replacement that lost its flag has taken over its slot: same news as a spare. */
        if (o && (spare_like(o->role) || o->role == MD_ROLE_REPLACEMENT) &&
            (n->role == MD_ROLE_ACTIVE || n->role == MD_ROLE_WRITE_MOSTLY))
                return event_add(out, SRVH_TRAP_RAID_SPARE_ACTIVATED, SRVH_HEALTH_OK, object, now,
                                 was, 0, "%s: %s is now active in slot %d", arr->name, n->device,
                                 n->slot);
        return 0;
}

/* Members of both rows are sorted by index: walk them together. Missing-slot rows never turn
 * faulty or active (a device that fills a slot has its own index), so they are skipped. */
static int member_events(const struct md_array_row *old, const struct md_array_row *r,
                         struct event_list *out)
{
        size_t i, j = 0;
        int ret;

        for (i = 0; i < r->n_members; i++) {
                const struct md_member_row *n = &r->members[i], *o = NULL;

                if (n->role == MD_ROLE_MISSING)
                        continue;
                while (j < old->n_members && old->members[j].index < n->index)
                        j++;
                if (j < old->n_members && old->members[j].index == n->index)
                        o = &old->members[j];
                if (o && o->role == n->role)
                        continue;
                ret = member_event(r, o, n, out);
                if (ret < 0)
                        return ret;
        }
        return 0;
}

static uint32_t clamp_u32(uint64_t v)
{
        return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static int sync_events(const struct md_array_row *old, const struct md_array_row *r, unsigned step,
                       struct event_list *out)
{
        bool was = sync_running(old), is = sync_running(r);
        const char *now = md_array_state_name(r->state), *before = md_array_state_name(old->state);

        if (is && (!was || old->sync_action != r->sync_action))
                return event_add(out, SRVH_TRAP_RAID_REBUILD_STARTED, SRVH_HEALTH_OK, r->name, now,
                                 before, 0, "%s: %s started", r->name,
                                 md_sync_action_name(r->sync_action));
        /* A check or repair that found inconsistent sectors is worth a look (not an alarm:
         * raid1 with swap or O_DIRECT writes shows mismatches on healthy disks). */
        if (was && !is)
                return event_add(
                    out, SRVH_TRAP_RAID_REBUILD_FINISHED,
                    r->mismatch_cnt ? SRVH_HEALTH_WARNING : SRVH_HEALTH_OK, r->name, now, before,
                    clamp_u32(r->mismatch_cnt), "%s: %s finished, mismatch_cnt %llu", r->name,
                    md_sync_action_name(old->sync_action), (unsigned long long)r->mismatch_cnt);
        if (was && is && step > 0 && old->sync_progress >= 0 && r->sync_progress >= 0) {
                unsigned o = (unsigned)old->sync_progress / 100;
                unsigned n = (unsigned)r->sync_progress / 100;

                /* Several steps crossed since the last poll still make one event: the last. */
                if (n < 100 && o / step < n / step)
                        return event_add(out, SRVH_TRAP_RAID_REBUILD_PROGRESS, SRVH_HEALTH_OK,
                                         r->name, now, before, n / step * step,
                                         "%s: %s passed %u%%", r->name,
                                         md_sync_action_name(r->sync_action), n / step * step);
        }
        return 0;
}

/* An array mdadm.conf expects is not there (old: its previous row, NULL if none). */
static int missing_event(const struct md_array_row *old, const struct md_array_row *r,
                         struct event_list *out)
{
        return event_add(out, SRVH_TRAP_RAID_ARRAY_MISSING, bad_severity(r), r->name,
                         md_array_state_name(r->state), old ? md_array_state_name(old->state) : "",
                         0, "%s", r->summary);
}

/* The expected array old stood for runs again (now: its row) or is no longer expected. */
static int found_event(const struct md_array_row *old, const struct md_array_row *now,
                       struct event_list *out)
{
        if (now)
                return event_add(out, SRVH_TRAP_RAID_ARRAY_FOUND, SRVH_HEALTH_OK, old->name,
                                 md_array_state_name(now->state), md_array_state_name(old->state),
                                 0, "%s runs: %s", old->name, now->summary);
        return event_add(out, SRVH_TRAP_RAID_ARRAY_FOUND, SRVH_HEALTH_OK, old->name, "",
                         md_array_state_name(old->state), 0,
                         "%s no longer missing (running under another name, or no longer in "
                         "mdadm.conf)",
                         old->name);
}

/* Spares against mdadm.conf's spares=N: raised when short (old NULL: first time seen), cleared
 * when no longer short. */
static int spares_events(const struct md_array_row *old, const struct md_array_row *r,
                         struct event_list *out)
{
        bool was = old && old->present && old->spares_short;

        if (r->spares_short && !was)
                return event_add(out, SRVH_TRAP_RAID_SPARES_MISSING, SRVH_HEALTH_WARNING, r->name,
                                 md_array_state_name(r->state),
                                 old ? md_array_state_name(old->state) : "", (uint32_t)r->spare,
                                 "%s", r->summary);
        if (was && !r->spares_short)
                return event_add(out, SRVH_TRAP_RAID_SPARES_RESTORED, SRVH_HEALTH_OK, r->name,
                                 md_array_state_name(r->state), md_array_state_name(old->state),
                                 (uint32_t)r->spare, "%s: %d spare%s, as mdadm.conf expects",
                                 r->name, r->spare, r->spare == 1 ? "" : "s");
        return 0;
}

/* A row seen for the first time (old NULL) or again after it was missing. */
static int new_row_events(const struct md_array_row *old, const struct md_array_row *r,
                          struct event_list *out)
{
        int ret;

        if (!r->present)
                return missing_event(old, r, out);
        ret = raise_events(NULL, r, out);
        if (ret == 0)
                ret = spares_events(NULL, r, out);
        return ret;
}

static int array_events(const struct md_array_row *old, const struct md_array_row *r, unsigned step,
                        struct event_list *out)
{
        if (!old->present || !r->present) {
                if (old->present) /* it stopped, and mdadm.conf expects it */
                        return missing_event(old, r, out);
                if (!r->present) /* still not there */
                        return 0;
                int ret = found_event(old, r, out);
                return ret == 0 ? new_row_events(NULL, r, out) : ret;
        }
        int ret = member_events(old, r, out);

        if (ret < 0)
                return ret;
        if (r->state == MD_STATE_FAILED && old->state != MD_STATE_FAILED)
                ret = raise_events(old, r, out);
        else if (raised(r) && !raised(old))
                ret = raise_events(old, r, out);
        else if (!raised(r) && raised(old))
                ret = event_add(out, SRVH_TRAP_RAID_RECOVERED, SRVH_HEALTH_OK, r->name,
                                md_array_state_name(r->state), md_array_state_name(old->state), 0,
                                "%s", r->summary);
        if (ret < 0)
                return ret;
        ret = sync_events(old, r, step, out);
        if (ret < 0)
                return ret;
        return spares_events(old, r, out);
}

static int diff_all(const struct md_array_row *old, size_t n_old,
                    const struct md_array_row *new_rows, size_t n_new, unsigned step,
                    struct event_list *out)
{
        size_t i = 0, j = 0;
        int ret = 0;

        if (!old) {
                for (j = 0; j < n_new && ret == 0; j++)
                        ret = new_row_events(NULL, &new_rows[j], out);
                return ret;
        }
        while ((i < n_old || j < n_new) && ret == 0) {
                const struct md_array_row *o = i < n_old ? &old[i] : NULL;
                const struct md_array_row *n = j < n_new ? &new_rows[j] : NULL;

                if (o && (!n || o->index < n->index)) {
                        if (!o->present)
                                ret = found_event(o, NULL, out);
                        else
                                ret = event_add(out, SRVH_TRAP_RAID_ARRAY_DISAPPEARED,
                                                SRVH_HEALTH_WARNING, o->name, "",
                                                md_array_state_name(o->state), 0,
                                                "%s disappeared (was %s)", o->name, o->summary);
                        i++;
                } else if (n && (!o || n->index < o->index)) {
                        if (n->present)
                                ret = event_add(out, SRVH_TRAP_RAID_ARRAY_APPEARED, SRVH_HEALTH_OK,
                                                n->name, md_array_state_name(n->state), "", 0,
                                                "%s appeared: %s", n->name, n->summary);
                        if (ret == 0)
                                ret = new_row_events(NULL, n, out);
                        j++;
                } else {
                        ret = array_events(o, n, step, out);
                        i++;
                        j++;
                }
        }
        return ret;
}

int md_diff(const struct md_array_row *old, size_t n_old, const struct md_array_row *new_rows,
            size_t n_new, const struct md_diff_cfg *cfg, struct event_list *out)
{
        size_t n_before = out->n;
        unsigned step = cfg ? cfg->rebuild_step : MD_DIFF_DEFAULT_STEP;
        int ret;

        ret = diff_all(old, n_old, new_rows, n_new, step, out);
        if (ret < 0)
                out->n = n_before; /* all of this poll's events or none */
        return ret;
}
