/* The snapshot file of the in-snmpd prototype (bench only, see bench/README.md): every instance
 * srvhealthd would serve, in OID order, with its value, laid out to be memory-mapped read-only and
 * binary-searched in place. The publisher writes a new file and renames it over the old one; a
 * reader maps the newest and checks it whole once (snap_file_check) before serving from it.
 *
 * Layout (host byte order: the file never leaves the machine):
 *   header      struct snap_file_header
 *   index       n_records x uint32_t, the offset of each record, records in OID order
 *   records     struct snap_record, then oid_len x uint32_t (the full OID), then value_len octets,
 *               padded to 4 octets
 * Values: INTEGER as int64_t, Counter32 / Gauge32 / TimeTicks / Counter64 as uint64_t, OCTET
 * STRING as its octets, OBJECT IDENTIFIER as uint32_t sub-identifiers. */
#ifndef SRVH_BENCH_SNAPFILE_H
#define SRVH_BENCH_SNAPFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SNAP_FILE_MAGIC   "SRVHSNAP"
#define SNAP_FILE_VERSION 1
#define SNAP_OID_MAX      128

/* The BER tags of the SNMP types (RFC 2578 / RFC 3416), as net-snmp's ASN_* constants. */
enum snap_type {
        SNAP_T_INTEGER = 0x02,
        SNAP_T_STRING = 0x04,
        SNAP_T_OID = 0x06,
        SNAP_T_COUNTER32 = 0x41,
        SNAP_T_GAUGE = 0x42,
        SNAP_T_TIMETICKS = 0x43,
        SNAP_T_COUNTER64 = 0x46,
};

struct snap_file_header {
        char magic[8];          /* SNAP_FILE_MAGIC, no NUL */
        uint32_t version;       /* SNAP_FILE_VERSION: a reader refuses any other */
        uint32_t n_records;
        uint64_t file_size;     /* the whole file: a truncated copy is refused */
        uint64_t generation;    /* grows with every file the publisher writes */
        int64_t published_at;   /* unix seconds */
        int32_t publisher_pid;  /* who wrote it (a reader may tell a publisher that is gone) */
        uint32_t interval_s;    /* the publisher's poll interval: older than a few is stale */
};

struct snap_record {
        uint16_t oid_len;
        uint8_t type; /* enum snap_type */
        uint8_t pad;
        uint32_t value_len;
};

/* A file checked by snap_file_check(): base points at its first octet. */
struct snap_view {
        const uint8_t *base;
        size_t size;
        const struct snap_file_header *hdr;
        const uint32_t *index;
};

/* One record, decoded in place. */
struct snap_entry {
        const uint32_t *oid;
        size_t oid_len;
        enum snap_type type;
        const void *value;
        size_t value_len;
};

/* Check size octets at base: magic, version, sizes, every offset and length in bounds, every
 * OID at most SNAP_OID_MAX long and strictly after the one before it. Returns 0 and fills *ret,
 * or -EINVAL with the reason in why. O(n), once per file. */
int snap_file_check(const void *base, size_t size, struct snap_view *ret, char *why, size_t whysz);

/* Record i (below hdr->n_records) of a checked view. */
void snap_entry_at(const struct snap_view *v, size_t i, struct snap_entry *ret);

/* The record with exactly this OID, or the first one strictly after it: its position, or
 * n_records when there is none. */
size_t snap_find(const struct snap_view *v, const uint32_t *oid, size_t len, bool strictly_after);

/* A file in the making: records are appended in OID order, then written as a whole. */
struct snap_writer {
        uint8_t *buf;
        size_t len, cap;
        uint32_t *offsets;
        size_t n, n_cap;
        bool failed;
};

void snap_writer_add(struct snap_writer *w, const uint32_t *oid, size_t oid_len,
                     enum snap_type type, const void *value, size_t value_len);
/* Write the file to path by way of path.tmp and a rename (readers see the old file or the new
 * one, never half of one). Returns 0 or -errno. Frees the writer's buffers either way. */
int snap_writer_publish(struct snap_writer *w, const char *path, uint64_t generation,
                        uint32_t interval_s);

#endif
