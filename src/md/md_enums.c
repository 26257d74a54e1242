/* Names of the md module's MIB enumerations (md_enums.h), as the MIB spells their labels: used in
 * logs, notification varbinds and srvhOverallMessage. */
#include "md/md_enums.h"

#include <stddef.h>

#define NAME_OR_UNKNOWN(table, v)                                                                  \
        (((size_t)(v) < sizeof(table) / sizeof((table)[0]) && (table)[(v)]) ? (table)[(v)]         \
                                                                            : "unknown")

const char *md_array_state_name(enum md_array_state s)
{
        static const char *const names[MD_STATE_MAX_] = {
            [MD_STATE_CLEAN] = "clean",
            [MD_STATE_ACTIVE] = "active",
            [MD_STATE_DEGRADED] = "degraded",
            [MD_STATE_RESYNCING] = "resyncing",
            [MD_STATE_RECOVERING] = "recovering",
            [MD_STATE_CHECKING] = "checking",
            [MD_STATE_REPAIRING] = "repairing",
            [MD_STATE_RESHAPING] = "reshaping",
            [MD_STATE_INACTIVE] = "inactive",
            [MD_STATE_READONLY] = "readonly",
            [MD_STATE_READ_AUTO] = "readAuto",
            [MD_STATE_FAILED] = "failed",
            [MD_STATE_RESYNC_DELAYED] = "resyncDelayed",
            [MD_STATE_RESYNC_PENDING] = "resyncPending",
            [MD_STATE_UNKNOWN] = "unknown",
            [MD_STATE_MISSING] = "missing",
        };
        return NAME_OR_UNKNOWN(names, s);
}

const char *md_sync_action_name(enum md_sync_action a)
{
        static const char *const names[MD_SYNC_MAX_] = {
            [MD_SYNC_IDLE] = "idle",       [MD_SYNC_RESYNC] = "resync",
            [MD_SYNC_RECOVER] = "recover", [MD_SYNC_CHECK] = "check",
            [MD_SYNC_REPAIR] = "repair",   [MD_SYNC_RESHAPE] = "reshape",
            [MD_SYNC_FROZEN] = "frozen",   [MD_SYNC_UNKNOWN] = "unknown",
        };
        return NAME_OR_UNKNOWN(names, a);
}

const char *md_member_role_name(enum md_member_role r)
{
        static const char *const names[MD_ROLE_MAX_] = {
            [MD_ROLE_ACTIVE] = "active",           [MD_ROLE_SPARE] = "spare",
            [MD_ROLE_FAULTY] = "faulty",           [MD_ROLE_WRITE_MOSTLY] = "writeMostly",
            [MD_ROLE_REPLACEMENT] = "replacement", [MD_ROLE_JOURNAL] = "journal",
            [MD_ROLE_MISSING] = "missing",         [MD_ROLE_REBUILDING] = "rebuilding",
        };
        return NAME_OR_UNKNOWN(names, r);
}
