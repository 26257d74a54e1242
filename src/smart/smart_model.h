/* The smart module's data, from one disk's reading to the rows of srvhDiskTable and
 * srvhDiskAttrTable: what the reader (smart_read.c) fills from libatasmart, the pure blob and
 * IDENTIFY decoders under it (smart_blob.c), the pure row builder (smart_model.c) and the pure
 * diff that turns two builds into notifications (smart_diff.c). No I/O and no clock here. */
#ifndef SRVH_SMART_MODEL_H
#define SRVH_SMART_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/events.h"
#include "core/mibtree.h"
#include "smart/nvme_log.h"
#include "smart/smart_enums.h"
#include "smart/smart_logs.h"
#include "srvhealth/enums.h"

#define SMART_ATTRS_MAX     30 /* attribute slots in a SMART READ DATA page */
#define SMART_NAME_MAX      32 /* kernel or blob name, NUL included */
#define SMART_KEY_MAX       MIB_STRING_INDEX_MAX
#define SMART_TEXT_MAX      128
#define SMART_BLOB_PAGE     512
#define SMART_BLOB_FULL_MAX (4 * 8 + 3 * SMART_BLOB_PAGE + 4) /* the four records skdump writes */

/* One SMART attribute as libatasmart decodes it. Validity flags say which cells exist. */
struct smart_attr {
        uint8_t id;
        char name[SMART_NAME_MAX];
        uint8_t value, worst, threshold;
        bool value_valid, worst_valid, threshold_valid;
        uint64_t raw; /* 48 bits, byte 0 least significant */
        uint64_t pretty;
        enum smart_unit unit; /* SMART_UNIT_UNKNOWN: pretty means nothing */
        bool prefailure, online;
        bool good_now_valid, good_now;
        bool good_past_valid, good_past;
};

/* What one read of one disk found: filled by the reader, read by the builder. has_* flags say
 * which values exist (a value that does not exist has no cell). */
struct smart_reading {
        enum smart_read_status status; /* SMART_READ_OK, or why there are no values */
        char error[SMART_TEXT_MAX];    /* why, when status is not ok */
        enum smart_power power;
        bool has_identity;
        char model[41], serial[21], firmware[9];
        bool has_wwn;
        uint64_t wwn;
        bool has_capacity;
        uint64_t capacity_bytes;
        bool smart_available, smart_enabled;
        bool has_verdict;
        enum smart_verdict verdict;
        bool has_temperature;
        int32_t temperature_dc; /* tenths of a degree Celsius */
        bool has_power_on;
        uint64_t power_on_hours;
        bool has_power_cycles;
        uint64_t power_cycles;
        bool has_reallocated, has_pending, has_offline_unc;
        uint64_t reallocated, pending, offline_unc;
        struct smart_attr attrs[SMART_ATTRS_MAX];
        size_t n_attrs;
        enum smart_transport transport; /* 0: not known */
        bool has_nvme;                  /* nvme holds an NVMe health log page */
        struct nvme_health nvme;
        struct smart_deep deep; /* self-test and error logs, SCT (smart_logs.h) */
};

/* What the collector hands the builder for one disk. */
struct smart_input {
        const char *name; /* kernel name ("sda") or smartBlob NAME */
        int64_t read_at;  /* unix time of this read */
        struct smart_reading reading;
        /* What discovery (udev) knows of the disk, or NULL: keys and names a disk that could
         * not be read (no permission, asleep since start) as a read would. */
        const char *found_model, *found_serial, *found_wwn;
        struct smart_sysinfo sys; /* sysfs at this poll: md arrays, command timeout, link */
};

/* One row of srvhDiskTable. Owner: its struct smart_data. */
struct smart_disk {
        char key[SMART_KEY_MAX + 1];
        char name[SMART_NAME_MAX];
        char wwn_text[24];             /* r.wwn as served: "0x" and 16 hex digits */
        struct smart_reading r;        /* values of the last successful read (carried over) */
        bool has_values;               /* r holds values of some successful read */
        bool found_identity;           /* no values, but r's identity came from discovery */
        enum smart_read_status status; /* this poll */
        char error[SMART_TEXT_MAX];    /* this poll's read error, "" after a good read */
        enum smart_power power;        /* this poll */
        int64_t last_read;             /* unix time of the values in r; 0 = never */
        enum srvh_health health;
        bool temp_alarm; /* at or over the high mark, not yet back under high - hysteresis */
        bool wear_alarm; /* NVMe percentage used at or over nvmeWearHigh */
        enum smart_transport transport;  /* how it is read (kept while unknown); 0: never known */
        char summary[SMART_TEXT_MAX];    /* why health is not ok, "" when it is */
        uint32_t idx[SMART_KEY_MAX + 1]; /* the key as an OCTET STRING index */
        size_t idx_len;
        uint32_t *attr_idx; /* n_attrs indexes of idx_len + 1 sub-identifiers, one after another */
        struct smart_disk_deep x; /* columns 50..69 beyond the reading (smart_deep.c) */
};

/* A build: every disk sorted by index, and the rows of both tables pointing into it. Owner: the
 * snapshot that carries it (smart_data_free). */
struct smart_data {
        struct smart_disk *disks;
        size_t n_disks;
        struct mib_row *disk_rows;
        struct mib_row *attr_rows;
        size_t n_attr_rows;
        struct mib_row *path_rows; /* srvhDiskPathTable: every device name of every disk */
        size_t n_path_rows;
        enum srvh_health health; /* worst disk that has SMART */
        char message[256];       /* what is wrong, "" when all is well */
};

struct smart_build_cfg {
        unsigned temp_high_c;       /* smartTemperatureHigh */
        unsigned temp_hysteresis_c; /* smartTemperatureHysteresis */
        unsigned nvme_wear_high;    /* nvmeWearHigh, percent; 0 disables the alarm */
};

/* smartStandby: the power states in which a poll leaves a disk alone, as smartd's -n. */
enum smart_standby {
        SMART_STANDBY_NEVER,   /* read every disk, waking the sleeping ones */
        SMART_STANDBY_SLEEP,   /* leave disks in SLEEP alone */
        SMART_STANDBY_STANDBY, /* ... and in STANDBY (the default) */
        SMART_STANDBY_IDLE,    /* ... and in IDLE */
};

/* Whether a disk found in power state p is left unread under policy. A state that could not be
 * checked (unknown: the drive lacks CHECK POWER MODE) is read, as smartd does. Pure. */
bool smart_standby_skip(enum smart_standby policy, enum smart_power p);

/* Build the rows of n inputs. prev (may be NULL) is the previous build: a disk whose read did not
 * give values this time (asleep, failed) keeps the values, key and last read time it had there
 * (matched by name), and the temperature alarm carries its hysteresis. Pure. 0 or -ENOMEM. */
int smart_build(const struct smart_input *in, size_t n, const struct smart_data *prev,
                const struct smart_build_cfg *cfg, struct smart_data **ret);
void smart_data_free(void *data); /* accepts NULL */

/* The stable key of a disk: WWN ("0x" and 16 hex digits), else the serial, else "dev:NAME". */
void smart_disk_key(const struct smart_reading *r, bool has_values, const char *name, char *out,
                    size_t outsz);

/* Health of a disk from its values and status, and a one-line reason when not ok. */
enum srvh_health smart_disk_health(const struct smart_disk *d, char *why, size_t whysz);

/* --- self-test, error log, SCT ERC, link and temperature columns (smart_deep.c, pure) --- */

/* Fill d->x from this poll's input and the disk's previous row p (may be NULL): sysfs, the
 * temperatures seen since start, the standby skip count, and the ERC and link judgements. */
void smart_deep_build(const struct smart_input *in, const struct smart_disk *p,
                      struct smart_disk *d);
/* Merge disks of one key (WWN or serial, never a "dev:" key) seen under several device names
 * into one row, keeping the reading of a successful read, and record every name in x.paths.
 * Returns the new count. */
size_t smart_deep_merge_paths(struct smart_disk *v, size_t n);
/* The rows of srvhDiskPathTable for a sorted build (after its disk rows). 0 or -ENOMEM. */
int smart_deep_rows(struct smart_data *out);
/* Fold the deep findings into a disk's health h, appending reasons to sb. */
struct strbuf;
enum srvh_health smart_deep_health(const struct smart_disk *d, enum srvh_health h,
                                   struct strbuf *sb);
/* The deep events of one disk between its rows o (NULL: seen for the first time) and n. */
int smart_deep_events(const struct smart_disk *o, const struct smart_disk *n,
                      struct event_list *out);

/* Events between two builds (old NULL: the first poll). Pure; all or nothing. */
int smart_diff(const struct smart_data *old, const struct smart_data *new_data,
               struct event_list *out);

/* Fill r from a decoded NVMe health log page and, when id is not NULL, Identify Controller data
 * (nvme_model.c, pure): transport nvme, status ok, the NVMe values, temperature, power-on hours
 * and power cycles; the other fields are left as they are. */
void nvme_reading_fill(struct smart_reading *r, const struct nvme_health *h,
                       const struct nvme_identity *id);

/* The srvhDiskTable columns of nvme_get_disk() (srvhealth/oids.h), in order, and their MIB
 * names, for the table description in smart_collect.c. */
#define SRVH_DK_NVME_COLUMNS                                                                       \
        SRVH_DK_TRANSPORT, SRVH_DK_NVME_WARNING, SRVH_DK_NVME_SPARE, SRVH_DK_NVME_SPARE_THRESH,    \
            SRVH_DK_NVME_USED, SRVH_DK_NVME_UNITS_READ, SRVH_DK_NVME_UNITS_WRITTEN,                \
            SRVH_DK_NVME_UNSAFE, SRVH_DK_NVME_MEDIA_ERRORS, SRVH_DK_NVME_ERROR_LOG
#define SRVH_DK_NVME_COLUMN_NAMES                                                                  \
        "srvhDiskTransport", "srvhDiskNvmeCriticalWarning", "srvhDiskNvmeAvailableSpare",          \
            "srvhDiskNvmeSpareThreshold", "srvhDiskNvmePercentageUsed",                            \
            "srvhDiskNvmeDataUnitsRead", "srvhDiskNvmeDataUnitsWritten",                           \
            "srvhDiskNvmeUnsafeShutdowns", "srvhDiskNvmeMediaErrors",                              \
            "srvhDiskNvmeErrorLogEntries"

/* A cell of those columns (nvme_model.c, pure): 0, or -ENOENT when the disk has no value there
 * (no NVMe page, or a column that is not one of them). */
int nvme_get_disk(const struct smart_disk *d, unsigned column, struct mib_value *v);

/* NVMe events of a disk seen for the first time, and between two builds of it (nvme_model.c,
 * pure): critical warning bits raised and cleared, spare below threshold, wear over nvmeWearHigh,
 * media errors increased. Nothing for a disk without an NVMe page. 0 or -ENOMEM. */
int nvme_first_events(const struct smart_disk *n, struct event_list *out);
int nvme_disk_events(const struct smart_disk *o, const struct smart_disk *n,
                     struct event_list *out);

/* --- blob and IDENTIFY decoding (smart_blob.c, pure) --- */

/* Find the record with this 4-byte tag in a blob. Returns 0 and the payload; -ENOENT when absent;
 * -EINVAL when the blob is malformed the way sk_disk_set_blob() refuses it (truncated header or
 * payload). Reads nothing past blob[len - 1]. */
int smart_blob_find(const void *blob, size_t len, const char tag[4], const uint8_t **ret_payload,
                    size_t *ret_len);

/* What IDENTIFY DEVICE says beyond libatasmart's strings. */
struct smart_identify {
        bool has_wwn;
        uint64_t wwn;
        bool has_capacity;
        uint64_t capacity_bytes;
        bool smart_supported, smart_enabled;
        uint16_t rotation; /* word 217 */
};

/* Decode a 512-byte IDENTIFY DEVICE page (ATA8-ACS word layout). -EINVAL for a short page. */
int smart_identify_decode(const uint8_t *page, size_t len, struct smart_identify *ret);

/* Write a blob in libatasmart's format from raw pages (identify mandatory; data and thresholds
 * may be NULL; status < 0 means unknown). Returns its length; out holds SMART_BLOB_FULL_MAX. */
size_t smart_blob_write(uint8_t *out, const uint8_t *identify, int status, const uint8_t *data,
                        const uint8_t *thresholds);

#endif
