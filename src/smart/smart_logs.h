/* The SMART logs beyond the attribute page, decoded from their ACS layouts: the self-test log
 * (log 06h, extended 07h), the summary and extended comprehensive error logs (01h, 03h), SCT
 * status (log E0h) and SCT Error Recovery Control, plus what the collector learns of the disk
 * from sysfs (md membership, the kernel's command timeout, the SATA link speed). Decoders are pure
 * (smart_selftest.c, smart_errlog.c, smart_sct.c); their results feed srvhDiskEntry columns
 * 50..69. */
#ifndef SRVH_SMART_LOGS_H
#define SRVH_SMART_LOGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SMART_LOG_PAGE       512
#define SMART_SELFTEST_MAX   21 /* descriptors in log 06h; a page of 07h holds 19 */
#define SMART_RAID_NAMES_MAX 64

/* srvhDiskSelfTestType: the subcommand a test was started with, captive or not */
enum smart_test_type {
        SMART_TEST_OFFLINE = 1,
        SMART_TEST_SHORT = 2,
        SMART_TEST_EXTENDED = 3,
        SMART_TEST_CONVEYANCE = 4,
        SMART_TEST_SELECTIVE = 5,
        SMART_TEST_VENDOR = 6,
        SMART_TEST_TYPE_MAX_
};

/* srvhDiskSelfTestStatus: the ATA status nibble 0..8 plus one, in progress, anything else */
enum smart_test_status {
        SMART_TEST_PASSED = 1,
        SMART_TEST_ABORTED = 2,     /* by the host (SMART EXECUTE OFF-LINE abort) */
        SMART_TEST_INTERRUPTED = 3, /* by a reset */
        SMART_TEST_FATAL = 4,
        SMART_TEST_FAILED_UNKNOWN = 5,
        SMART_TEST_FAILED_ELECTRICAL = 6,
        SMART_TEST_FAILED_SERVO = 7,
        SMART_TEST_FAILED_READ = 8,
        SMART_TEST_FAILED_HANDLING = 9,
        SMART_TEST_IN_PROGRESS = 10,
        SMART_TEST_OTHER = 11, /* a reserved status value */
        SMART_TEST_STATUS_MAX_
};

/* srvhDiskErcState */
enum smart_erc_state {
        SMART_ERC_ENABLED = 1,  /* both timers set */
        SMART_ERC_DISABLED = 2, /* supported, a timer is 0: the drive retries as long as it likes */
        SMART_ERC_UNSUPPORTED = 3, /* IDENTIFY word 206 has no SCT ERC */
        SMART_ERC_STATE_MAX_
};

const char *smart_test_type_name(enum smart_test_type t);
const char *smart_test_status_name(enum smart_test_status s);
const char *smart_erc_state_name(enum smart_erc_state s);

/* True for the statuses that mean the drive found a fault (fatal .. handling damage). */
bool smart_test_failed(enum smart_test_status s);

/* One self-test log descriptor. */
struct smart_selftest_entry {
        enum smart_test_type type;
        enum smart_test_status status;
        uint8_t remaining_pct; /* the low nibble times ten, for a test still running */
        uint16_t hour;         /* the drive's power-on hours when it ended (16 bits in the log) */
        bool has_lba;
        uint64_t failing_lba;
};

/* A decoded log, most recent entry first. */
struct smart_selftest_log {
        struct smart_selftest_entry v[SMART_SELFTEST_MAX];
        size_t n;
};

/* Decode SMART self-test log 06h (one page: revision, 21 descriptors of 24 bytes from offset 2,
 * the 1-based index of the newest at byte 508, checksum at 511). 0; -EINVAL for a short page or
 * an index past 21; -EBADMSG when the checksum is wrong. An index of 0 is an empty log. */
int smart_selftest_decode(const uint8_t *page, size_t len, struct smart_selftest_log *ret);

/* Decode the extended self-test log 07h: len is a whole number of pages, the first holding the
 * 16-bit 1-based index of the newest descriptor at bytes 2..3; 19 descriptors of 26 bytes from
 * offset 4 of each page. Only the newest SMART_SELFTEST_MAX are kept. Errors as above. */
int smart_xselftest_decode(const uint8_t *pages, size_t len, struct smart_selftest_log *ret);

/* What the disk table serves of the self-tests. */
struct smart_selftest_summary {
        bool has_last; /* the newest entry, or the test now running */
        enum smart_test_type last_type;
        enum smart_test_status last_status;
        bool has_last_hour; /* the newest logged entry's hour (none for a running test) */
        uint32_t last_hour;
        bool in_progress;
        unsigned remaining_pct;
        bool has_since_long; /* hours since the newest extended test that passed */
        uint32_t since_long;
        unsigned failures; /* failed tests newer than the newest passing extended test */
};

/* Summarise a log (or NULL when the drive has none) with the execution status byte of SMART READ
 * DATA (libatasmart's self_test_execution_status and percent remaining; has_exec false when it
 * is not known) and the drive's power-on hours now (has_poh false when unknown; the log's 16-bit
 * hours wrap at 65536 and are compared modulo that). A running test is never a failure. Pure. */
void smart_selftest_summarise(const struct smart_selftest_log *log, bool has_exec,
                              unsigned exec_status, unsigned exec_remaining_pct, bool has_poh,
                              uint64_t poh, struct smart_selftest_summary *ret);

/* The device error count of the summary (01h) or comprehensive (02h) error log: bytes 452..453.
 * 0; -EINVAL short page or a version other than 1; -EBADMSG wrong checksum. */
int smart_errlog_count(const uint8_t *page, size_t len, uint32_t *ret);

/* The device error count of the extended comprehensive error log (03h, first page): bytes
 * 500..501. Errors as above. */
int smart_xerrlog_count(const uint8_t *page, size_t len, uint32_t *ret);

/* The temperatures of an SCT status response (log E0h), whole degrees Celsius. */
struct smart_sct_temps {
        bool has_current, has_cycle_min, has_cycle_max, has_life_min, has_life_max;
        int8_t current, cycle_min, cycle_max, life_min, life_max;
};

/* Decode an SCT status response: format version 2 or 3 at bytes 0..1, temperatures at bytes
 * 200..204 (signed, 80h meaning not valid). 0; -EINVAL for a short page or another version. */
int smart_sct_status_decode(const uint8_t *page, size_t len, struct smart_sct_temps *ret);

/* SCT support from IDENTIFY word 206: bit 0 SCT Command Transport, bit 3 Error Recovery Control,
 * bit 5 Data Tables. */
struct smart_sct_caps {
        bool sct, erc, data_tables;
};
void smart_sct_caps(const uint8_t *identify, size_t len, struct smart_sct_caps *ret);

/* Fill page with the SCT Error Recovery Control command "return current" for the read timer
 * (selection 1) or the write timer (selection 2): action code 3, function code 2. */
void smart_sct_erc_command(uint8_t page[SMART_LOG_PAGE], unsigned selection);

/* The state of the two timers (tenths of a second, as the drive returns them). */
enum smart_erc_state smart_erc_state_of(bool supported, uint16_t read_ds, uint16_t write_ds);

/* The replay form of the two timers, a text file "read N\nwrite N" (tenths of a second, what
 * SCT ERC "return current" leaves in the Count field). 0; -EINVAL with a malformed line. */
int smart_erc_text_decode(const char *text, size_t len, uint16_t *ret_read, uint16_t *ret_write);

/* A sysfs speed as the kernel prints sata_spd and hw_sata_spd_limit ("6.0 Gbps", "1.5 Gbps",
 * "<unknown>") in Mbit/s. 0; -ENODATA for "<unknown>"; -EINVAL otherwise. */
int smart_link_speed_parse(const char *text, uint32_t *ret_mbps);

/* The fastest SATA generation IDENTIFY word 76 claims (bit 1 1.5, bit 2 3.0, bit 3 6.0 Gbit/s),
 * in Mbit/s; 0 when the word is not valid (0000h or FFFFh). */
uint32_t smart_identify_max_link(const uint8_t *identify, size_t len);

/* --- what a read adds to struct smart_reading (carried over with the other values) --- */

struct smart_deep {
        bool has_exec; /* SMART READ DATA byte 363, as libatasmart parses it */
        unsigned exec_status, exec_remaining_pct;
        bool has_selftest; /* a summary exists (from the log, or from byte 363 alone) */
        struct smart_selftest_summary st;
        bool has_errlog, has_xerrlog;
        uint32_t errlog, xerrlog;
        bool has_sct_temps;
        struct smart_sct_temps temps;
        bool has_erc; /* the state is known: from IDENTIFY, and the timers when supported */
        enum smart_erc_state erc;
        uint16_t erc_read_ds, erc_write_ds;
        uint32_t identify_link_max; /* Mbit/s, 0 unknown */
        char log_error[96];         /* a log page that could not be decoded, "" when none */
};

/* The raw pages one read brought back (a device over SG_IO, or the files recorded next to a
 * blob); NULL/0 when absent. */
struct smart_log_pages {
        const uint8_t *identify;
        size_t identify_len;
        const uint8_t *selftest, *xselftest, *errlog, *xerrlog, *sct_status;
        size_t selftest_len, xselftest_len, errlog_len, xerrlog_len, sct_status_len;
        bool has_erc; /* the two timers were read */
        uint16_t erc_read_ds, erc_write_ds;
};

/* Decode pg into d, with the reading's power-on hours (has_poh, poh) for the hours since the last
 * long test. d->has_exec and its figures are the reader's (libatasmart) and are kept. A page that
 * does not decode is left out and named in d->log_error. Pure. */
void smart_deep_decode(const struct smart_log_pages *pg, bool has_poh, uint64_t poh,
                       struct smart_deep *d);

/* What sysfs says of a disk at this poll (smart_sysfs.c), never from the disk itself. */
struct smart_sysinfo {
        char raid[SMART_RAID_NAMES_MAX]; /* md arrays holding it or its partitions: "md0 md2" */
        bool has_timeout;
        uint32_t timeout_s; /* /sys/block/NAME/device/timeout */
        bool has_link, has_link_max;
        uint32_t link_mbps, link_max_mbps; /* sata_spd, hw_sata_spd_limit of its ata_link */
        char slot[128]; /* where it is plugged: its /sys/devices path up to the SCSI device, "" */
};

#define SMART_PATHS_MAX     8
#define SMART_PATH_NAME_MAX 32 /* SMART_NAME_MAX */

/* What a row of srvhDiskTable adds beyond its reading. */
struct smart_disk_deep {
        char paths[SMART_PATHS_MAX][SMART_PATH_NAME_MAX]; /* the device names it answers under */
        size_t n_paths;
        uint32_t *path_idx; /* n_paths row indexes, owned by the build (smart_data_free) */
        struct smart_sysinfo sys;
        bool has_seen; /* temperatures read since srvhealthd started */
        int32_t seen_min_dc, seen_max_dc;
        unsigned standby_skips; /* polls in a row that left the disk asleep */
        unsigned failures;      /* st.failures, or the last known count while the log is unread */
        bool selftest_failed;   /* failures > 0 */
        bool erc_warning;     /* an md member whose error recovery outlasts the kernel's timeout */
        bool link_slow;       /* the SATA link runs below what host and drive support */
        char erc_advice[160]; /* what to set, when erc_warning */
};

/* Fill si for the kernel disk name below sysroot. Missing files leave fields unset. */
void smart_sysfs_read(const char *sysroot, const char *name, struct smart_sysinfo *si);

#endif
