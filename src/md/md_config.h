/* The md module's configuration tokens (srvhealthd.conf(5)): a pure line parser and the frozen
 * object the collector and the diff read. */
#ifndef SRVH_MD_CONFIG_H
#define SRVH_MD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/module.h"

#define MD_DEFAULT_REBUILD_STEP 20 /* percent between rebuild progress notifications */

#define MD_DEFAULT_MDADM_CONF "/etc/mdadm/mdadm.conf" /* below the sysroot */

struct md_config {
        unsigned rebuild_step; /* rebuildProgressStep: percent, 0 = no progress notifications */
        char mdadm_conf[256];  /* mdadmConf: absolute path below the sysroot, "" = none */
        bool mdadm_conf_given; /* set by the token: then a missing file is a problem */
};

extern const struct module_config_ops md_config_ops;

#endif
