/* The NVMe readers of the smart module: a controller or namespace node read through the kernel's
 * NVMe admin passthrough (Identify Controller and log page 02h), the hwmon temperature the kernel
 * serves without privileges, and recorded pages (nvmeLog). They fill a struct smart_reading for
 * srvhDiskTable. Collector thread only; never log. */
#ifndef SRVH_NVME_READ_H
#define SRVH_NVME_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "smart/smart_read.h"

/* The controller name ("nvme0") behind a device node, following symbolic links
 * (/dev/disk/by-id/nvme-...); false when the node is not an NVMe controller or namespace. */
bool nvme_node_controller(const char *path, char *ctrl, size_t ctrlsz);

/* Read an NVMe disk by its node (/dev/nvme0 or /dev/nvme0n1): Identify Controller, then the
 * SMART / Health Information log page, each with the time left before o->deadline_ms as its
 * timeout. The composite temperature of the controller's hwmon device below sysroot
 * (sys/class/nvme/CTRL/hwmon*) fills the temperature when the log cannot be read. EACCES/EPERM
 * (the passthrough needs CAP_SYS_ADMIN) give status noPermission; a node that takes no NVMe
 * ioctl gives unavailable. Returns 0 (ok, unavailable) or -errno with r->status and r->error. */
int nvme_read_device(const char *path, const char *sysroot, const struct smart_dev_opts *o,
                     struct smart_reading *r);

/* Read a recorded 512-byte health log page from log_path and, when identify_path is not empty,
 * 4096 bytes of Identify Controller data. A bad log is readFailed; a bad identify file loses only
 * the identity (status ok, r->error says why). Returns 0 or -errno. */
int nvme_read_replay(const char *log_path, const char *identify_path, struct smart_reading *r);

#endif
