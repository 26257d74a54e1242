/* The static list of collector modules. Adding a module means adding one line here (and its
 * directory under src/); the agent, scheduler and config pick it up from this list. */
#include "core/module.h"

#include <string.h>

extern const struct module_ops md_module;

const struct module_ops *const srvh_modules[] = {
    &md_module,
};
const size_t srvh_n_modules = sizeof(srvh_modules) / sizeof(srvh_modules[0]);

int module_index(const char *name)
{
        for (size_t i = 0; i < srvh_n_modules; i++) {
                if (strcmp(srvh_modules[i]->name, name) == 0)
                        return (int)i;
        }
        return -1;
}

const struct module_ops *module_find(const char *name)
{
        int i = module_index(name);
        return i < 0 ? NULL : srvh_modules[i];
}
