/* libudev for the smart module (smart_udev.h): lists the whole disks of the block subsystem with
 * their model, serial and WWN, and keeps a monitor whose fd wakes the collector when a disk is
 * added or removed. Feeds the disk list behind srvhDiskTable. */
#include <errno.h>
#include <libudev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smart/smart_udev.h"

static void copy_prop(struct udev_device *dev, const char *key, char *out, size_t outsz)
{
        const char *v = udev_device_get_property_value(dev, key);
        snprintf(out, outsz, "%s", v ? v : "");
}

static int add_found(struct smart_found **v, size_t *n, size_t *cap, struct udev_device *dev)
{
        const char *name = udev_device_get_sysname(dev);
        const char *node = udev_device_get_devnode(dev);
        if (!name || !node || strlen(name) >= SMART_NAME_MAX || strlen(node) >= SMART_PATH_MAX)
                return 0; /* not something we could name or open */
        if (*n == *cap) {
                size_t nc = *cap ? 2 * *cap : 16;
                struct smart_found *nv = realloc(*v, nc * sizeof(*nv));
                if (!nv)
                        return -ENOMEM;
                *v = nv;
                *cap = nc;
        }
        struct smart_found *f = &(*v)[(*n)++];
        memset(f, 0, sizeof(*f));
        snprintf(f->name, sizeof(f->name), "%s", name);
        snprintf(f->devnode, sizeof(f->devnode), "%s", node);
        copy_prop(dev, "ID_MODEL", f->model, sizeof(f->model));
        copy_prop(dev, "ID_SERIAL_SHORT", f->serial, sizeof(f->serial));
        copy_prop(dev, "ID_WWN", f->wwn, sizeof(f->wwn));
        return 0;
}

int smart_udev_list(struct udev *u, struct smart_found **ret, size_t *ret_n)
{
        struct udev_enumerate *e = udev_enumerate_new(u);
        struct smart_found *v = NULL;
        size_t n = 0, cap = 0;
        int r = 0;

        if (!e)
                return -ENOMEM;
        if (udev_enumerate_add_match_subsystem(e, "block") < 0 ||
            udev_enumerate_add_match_property(e, "DEVTYPE", "disk") < 0 ||
            udev_enumerate_scan_devices(e) < 0) {
                r = errno ? -errno : -EIO;
                goto out;
        }
        struct udev_list_entry *l;
        udev_list_entry_foreach(l, udev_enumerate_get_list_entry(e))
        {
                struct udev_device *dev =
                    udev_device_new_from_syspath(u, udev_list_entry_get_name(l));
                if (!dev)
                        continue; /* gone since the scan */
                struct smart_udev_props p = {
                    .sysname = udev_device_get_sysname(dev),
                    .devtype = udev_device_get_devtype(dev),
                    .devpath = udev_device_get_devpath(dev),
                    .cdrom = udev_device_get_property_value(dev, "ID_CDROM"),
                };
                if (smart_udev_is_disk(&p))
                        r = add_found(&v, &n, &cap, dev);
                udev_device_unref(dev);
                if (r < 0)
                        break;
        }
out:
        udev_enumerate_unref(e);
        if (r < 0) {
                free(v);
                return r;
        }
        *ret = v;
        *ret_n = n;
        return 0;
}

struct udev_monitor *smart_udev_monitor(struct udev *u)
{
        struct udev_monitor *m = udev_monitor_new_from_netlink(u, "udev");
        if (!m)
                return NULL;
        if (udev_monitor_filter_add_match_subsystem_devtype(m, "block", "disk") < 0 ||
            udev_monitor_enable_receiving(m) < 0) {
                int e = errno;
                udev_monitor_unref(m);
                errno = e;
                return NULL;
        }
        return m;
}

int smart_udev_drain(struct udev_monitor *m)
{
        int n = 0;
        struct udev_device *dev;
        /* the monitor's socket is non-blocking: NULL once nothing is left */
        while ((dev = udev_monitor_receive_device(m)) != NULL) {
                const char *a = udev_device_get_action(dev);
                if (a && (!strcmp(a, "add") || !strcmp(a, "remove")))
                        n++;
                udev_device_unref(dev);
        }
        return n;
}
