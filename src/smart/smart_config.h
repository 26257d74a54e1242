/* The smart module's configuration tokens (srvhealthd.conf(5)): a pure line parser and the frozen
 * object the collector and the diff read. */
#ifndef SRVH_SMART_CONFIG_H
#define SRVH_SMART_CONFIG_H

#include <stddef.h>

#include "core/module.h"
#include "smart/smart_model.h"

#define SMART_DEFAULT_TEMP_HIGH       55 /* degrees Celsius */
#define SMART_DEFAULT_TEMP_HYSTERESIS 5
#define SMART_DEFAULT_NVME_WEAR_HIGH  80 /* percent */
#define SMART_BLOBS_MAX               1024
#define SMART_PATH_MAX                256
#define SMART_PATTERNS_MAX            64
#define SMART_PATTERN_MAX             64

/* One smartBlob line (a recorded disk served as NAME, re-read from PATH at every poll) or one
 * smartDevice line (a device node read as disk NAME, whatever discovery finds). */
struct smart_named_path {
        char name[SMART_NAME_MAX];
        char path[SMART_PATH_MAX];
};

/* Owner: the module_conf that holds it; read-only once parsing is done. */
struct smart_config {
        struct smart_named_path *blobs; /* smartBlob */
        size_t n_blobs;
        unsigned temp_high;               /* smartTemperatureHigh, 0 disables the alarm */
        unsigned temp_hysteresis;         /* smartTemperatureHysteresis */
        struct smart_named_path *devices; /* smartDevice */
        size_t n_devices;
        enum smart_standby standby;                          /* smartStandby, default standby */
        char include[SMART_PATTERNS_MAX][SMART_PATTERN_MAX]; /* smartInclude, fnmatch patterns */
        size_t n_include;
        char exclude[SMART_PATTERNS_MAX][SMART_PATTERN_MAX]; /* smartExclude */
        size_t n_exclude;
        char blob_dir[SMART_PATH_MAX]; /* smartBlobDir: a directory of NAME.blob disks, "" none */
        struct smart_named_path *nvme_logs;    /* nvmeLog NAME FILE: recorded log pages 02h */
        char (*nvme_identify)[SMART_PATH_MAX]; /* its IDENTIFY file, one per nvme_logs, or "" */
        size_t n_nvme_logs;
        unsigned nvme_wear_high; /* nvmeWearHigh: percentage used that warns, 0 never */
        unsigned standby_max_skips;    /* smartStandbyMaxSkips: read anyway after N skips, 0 off */
};

/* Whether a discovered disk called name is read: it matches an smartInclude pattern (or there is
 * none) and no smartExclude pattern (fnmatch). Pure. */
bool smart_config_selects(const struct smart_config *c, const char *name);

extern const struct module_config_ops smart_config_ops;

#endif
