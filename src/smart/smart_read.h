/* The seam between the smart collector and libatasmart: a reader fills a struct smart_reading
 * (smart_model.h) from an SkDisk, opened on a replayed blob or on a device. Called on the
 * collector thread only; never logs. */
#ifndef SRVH_SMART_READ_H
#define SRVH_SMART_READ_H

#include <stddef.h>
#include <stdint.h>

#include "smart/smart_model.h"

/* Read a libatasmart blob (skdump --save format) through libatasmart itself: sk_disk_open(NULL),
 * sk_disk_set_blob() and the same getters as for a device. Returns 0 with r filled (status ok or
 * unavailable), or -errno with r->status SMART_READ_FAILED and r->error saying why. */
int smart_read_blob(const void *blob, size_t len, struct smart_reading *r);

/* Decode the log pages recorded next to a replayed blob at blob_path (smart_replay.c) into
 * r->deep, once r holds the blob's reading. Missing files leave their cells out. */
void smart_replay_logs(const char *blob_path, const void *blob, size_t blob_len,
                       struct smart_reading *r);

/* How one device is read: the power states left alone and the disk's deadline. */
struct smart_dev_opts {
        enum smart_standby standby;
        int64_t deadline_ms;     /* CLOCK_MONOTONIC ms: every SG_IO timeout ends by then */
        int64_t (*now_ms)(void); /* the clock deadline_ms is on */
};

/* Read an ATA disk by its device node (smart_dev.c): CHECK POWER MODE, then, unless the standby
 * policy leaves the disk alone (status asleep, power set, no values), IDENTIFY DEVICE and the
 * SMART pages over SG_IO ATA PASS-THROUGH (16), read back through smart_read_blob(). Both sense
 * formats are understood, so D_SENSE does not matter. Open or SG_IO refused with EACCES/EPERM
 * gives status noPermission; a device without SG_IO or ATA pass-through (virtio, NVMe) gives
 * unavailable. Returns 0 (ok, unavailable, asleep) or -errno with r->status and r->error set. */
int smart_read_device(const char *path, const struct smart_dev_opts *o, struct smart_reading *r);

#endif
