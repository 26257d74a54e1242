/* The seam between the smart collector and libatasmart: a reader fills a struct smart_reading
 * (smart_model.h) from an SkDisk, opened on a replayed blob or on a device. Called on the
 * collector thread only; never logs. */
#ifndef SRVH_SMART_READ_H
#define SRVH_SMART_READ_H

#include <stddef.h>

#include "smart/smart_model.h"

/* Read a libatasmart blob (skdump --save format) through libatasmart itself: sk_disk_open(NULL),
 * sk_disk_set_blob() and the same getters as for a device. Returns 0 with r filled (status ok or
 * unavailable), or -errno with r->status SMART_READ_FAILED and r->error saying why. */
int smart_read_blob(const void *blob, size_t len, struct smart_reading *r);

#endif
