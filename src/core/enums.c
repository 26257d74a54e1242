/* Names of the shared MIB enumerations, as the MIB spells their labels: used in logs, notification
 * varbinds (srvhNotifyNewState/OldState) and srvhOverallMessage. */
#include "srvhealth/enums.h"

#include <stddef.h>

#define NAME_OR_UNKNOWN(table, v)                                                                  \
        (((size_t)(v) < sizeof(table) / sizeof((table)[0]) && (table)[(v)]) ? (table)[(v)]         \
                                                                            : "unknown")

const char *srvh_health_name(enum srvh_health h)
{
        static const char *const names[] = {
            [SRVH_HEALTH_OK] = "ok",
            [SRVH_HEALTH_WARNING] = "warning",
            [SRVH_HEALTH_CRITICAL] = "critical",
            [SRVH_HEALTH_UNKNOWN] = "unknown",
        };
        return NAME_OR_UNKNOWN(names, h);
}

static int health_rank(enum srvh_health h)
{
        switch (h) {
        case SRVH_HEALTH_OK:
                return 0;
        case SRVH_HEALTH_WARNING:
                return 1;
        case SRVH_HEALTH_UNKNOWN:
                return 2;
        case SRVH_HEALTH_CRITICAL:
                return 3;
        }
        return 2;
}

enum srvh_health srvh_health_worst(enum srvh_health a, enum srvh_health b)
{
        return health_rank(a) >= health_rank(b) ? a : b;
}
