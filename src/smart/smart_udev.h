/* Disk discovery for the smart module: which block devices are whole physical disks (a pure
 * filter on udev properties) and the libudev side that lists them and watches them come and go
 * (smart_udev.c). Collector thread only; never logs. */
#ifndef SRVH_SMART_UDEV_H
#define SRVH_SMART_UDEV_H

#include <stdbool.h>
#include <stddef.h>

#include "smart/smart_config.h"

/* What the filter looks at, as udev reports it (any may be NULL). */
struct smart_udev_props {
        const char *sysname; /* "sda" */
        const char *devtype; /* DEVTYPE: "disk" or "partition" */
        const char *devpath; /* DEVPATH below /sys: "/devices/pci0000:00/.../block/sda" */
        const char *cdrom;   /* ID_CDROM: "1" for optical drives */
};

/* True for a whole physical disk: DEVTYPE disk, not below /devices/virtual, and none of the
 * kernel's virtual or non-disk block drivers (loop, ram, zram, md, dm, nbd, optical, floppy,
 * eMMC boot and RPMB areas). Pure. */
bool smart_udev_is_disk(const struct smart_udev_props *p);

/* One disk discovery found. */
struct smart_found {
        char name[SMART_NAME_MAX];    /* kernel name, "sda" */
        char devnode[SMART_PATH_MAX]; /* "/dev/sda" */
        char model[41], serial[21];   /* ID_MODEL, ID_SERIAL_SHORT ("" when unknown) */
        char wwn[24];                 /* ID_WWN, "0x" and hex digits ("" when unknown) */
};

struct udev;
struct udev_monitor;

/* Every whole disk of the block subsystem that smart_udev_is_disk() accepts, in the order udev
 * lists them. *ret is malloc'd (free it). 0 or -errno. */
int smart_udev_list(struct udev *u, struct smart_found **ret, size_t *ret_n);

/* A monitor of udev's block disk events (add, remove, change), receiving; NULL on error with
 * errno set. */
struct udev_monitor *smart_udev_monitor(struct udev *u);

/* Take every pending event off m; returns how many added or removed a disk. */
int smart_udev_drain(struct udev_monitor *m);

#endif
