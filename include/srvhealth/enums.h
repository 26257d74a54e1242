/* The enumerations of SRVHEALTH-MIB that every module shares. The numeric values are the MIB's:
 * never renumber, only append. Each has a name table for logs and notification texts (enums.c).
 * A module's own enumerations live with the module (src/md/md_enums.h). */
#ifndef SRVHEALTH_ENUMS_H
#define SRVHEALTH_ENUMS_H

/* SrvhHealth TEXTUAL-CONVENTION; order of badness is ok < warning < critical, unknown sits
 * between warning and critical for the overall status (we cannot say, so we must not say ok). */
enum srvh_health {
        SRVH_HEALTH_OK = 1,
        SRVH_HEALTH_WARNING = 2,
        SRVH_HEALTH_CRITICAL = 3,
        SRVH_HEALTH_UNKNOWN = 4,
};

const char *srvh_health_name(enum srvh_health h);

/* The worse of two health values: critical > unknown > warning > ok. */
enum srvh_health srvh_health_worst(enum srvh_health a, enum srvh_health b);

#endif
