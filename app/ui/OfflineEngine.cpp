#include "OfflineEngine.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QQmlEngine>
#include <QQmlNetworkAccessManagerFactory>

namespace onramp::ui {

namespace {

/// Answers every request with an error, without a connection.
class OfflineAccessManager : public QNetworkAccessManager
{
public:
    using QNetworkAccessManager::QNetworkAccessManager;

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request, QIODevice* data) override
    {
        Q_UNUSED(request)
        // No URL: the reply fails at once (protocol unknown), reaching no host.
        return QNetworkAccessManager::createRequest(op, QNetworkRequest(QUrl()), data);
    }
};

class OfflineFactory : public QQmlNetworkAccessManagerFactory
{
public:
    QNetworkAccessManager* create(QObject* parent) override { return new OfflineAccessManager(parent); }
};

} // namespace

void keepOffline(QQmlEngine& engine)
{
    static OfflineFactory factory; // outlives every engine
    engine.setNetworkAccessManagerFactory(&factory);
}

} // namespace onramp::ui
