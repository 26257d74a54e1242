/* Names of the smart module's MIB enumerations (smart_enums.h), spelled as the MIB's labels: used
 * in notification varbinds, texts and srvhOverallMessage. */
#include "smart/smart_enums.h"

#include <stddef.h>

#define NAME_OR_UNKNOWN(table, v)                                                                  \
        (((size_t)(v) < sizeof(table) / sizeof((table)[0]) && (table)[(v)]) ? (table)[(v)]         \
                                                                            : "unknown")

const char *smart_power_name(enum smart_power p)
{
        static const char *const names[SMART_POWER_MAX_] = {
            [SMART_POWER_ACTIVE] = "active",   [SMART_POWER_IDLE] = "idle",
            [SMART_POWER_STANDBY] = "standby", [SMART_POWER_SLEEP] = "sleep",
            [SMART_POWER_UNKNOWN] = "unknown",
        };
        return NAME_OR_UNKNOWN(names, p);
}

const char *smart_verdict_name(enum smart_verdict v)
{
        static const char *const names[SMART_VERDICT_MAX_] = {
            [SMART_VERDICT_GOOD] = "good",
            [SMART_VERDICT_BAD_ATTRIBUTE_IN_THE_PAST] = "badAttributeInThePast",
            [SMART_VERDICT_BAD_SECTOR] = "badSector",
            [SMART_VERDICT_BAD_ATTRIBUTE_NOW] = "badAttributeNow",
            [SMART_VERDICT_BAD_SECTOR_MANY] = "badSectorMany",
            [SMART_VERDICT_BAD_STATUS] = "badStatus",
        };
        return NAME_OR_UNKNOWN(names, v);
}

const char *smart_read_status_name(enum smart_read_status s)
{
        static const char *const names[SMART_READ_MAX_] = {
            [SMART_READ_OK] = "ok",
            [SMART_READ_FAILED] = "readFailed",
            [SMART_READ_NO_PERMISSION] = "noPermission",
            [SMART_READ_ASLEEP] = "asleep",
            [SMART_READ_TIMED_OUT] = "timedOut",
            [SMART_READ_UNAVAILABLE] = "smartUnavailable",
        };
        return NAME_OR_UNKNOWN(names, s);
}

const char *smart_unit_name(enum smart_unit u)
{
        static const char *const names[SMART_UNIT_MAX_] = {
            [SMART_UNIT_UNKNOWN] = "unknown",       [SMART_UNIT_NONE] = "none",
            [SMART_UNIT_MSECONDS] = "milliseconds", [SMART_UNIT_SECTORS] = "sectors",
            [SMART_UNIT_MKELVIN] = "millikelvin",   [SMART_UNIT_SMALL_PERCENT] = "smallPercent",
            [SMART_UNIT_PERCENT] = "percent",       [SMART_UNIT_MB] = "megabytes",
        };
        return NAME_OR_UNKNOWN(names, u);
}

const char *smart_transport_name(enum smart_transport t)
{
        static const char *const names[SMART_TRANSPORT_MAX_] = {
            [SMART_TRANSPORT_ATA] = "ata",
            [SMART_TRANSPORT_NVME] = "nvme",
            [SMART_TRANSPORT_OTHER] = "other",
        };
        return NAME_OR_UNKNOWN(names, t);
}
