#ifndef TRUSTPATH_CREADSTAT_SHIM_H
#define TRUSTPATH_CREADSTAT_SHIM_H
/* ReadStat (Evan Miller), Debian's libreadstat-dev: no pkg-config file, so the header is found in
   /usr/include and the module map links "readstat". */
#include <readstat.h>
#endif
