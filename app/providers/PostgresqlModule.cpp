// The `postgresql` provider as a module of its own (libonramp_postgresql.so,
// in lib/onramp), which the commands' library and the app load on first use
// (app/core/credentials/ProviderModules.cpp): it alone, with the team module,
// links libpq. The provider it makes is used and deleted by the loading
// library through the Provider interface, built from the same sources.
#include "PostgresqlProvider.h"

#include <QtGlobal>

extern "C" Q_DECL_EXPORT onramp::Provider* onramp_postgresql_new_provider()
{
    return new onramp::providers::PostgresqlProvider();
}
