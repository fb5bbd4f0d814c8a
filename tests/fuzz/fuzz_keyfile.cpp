// libFuzzer target for the key file's parser (keys.json beside the vault).
// Anyone who can write the vault folder can write it, so: never a crash or
// undefined behaviour; a refusal is an error of kind Damaged or InvalidInput
// that names the file (and, for broken JSON, the line and column); what is
// accepted survives write and parse unchanged, and writing it again gives the
// same bytes; every slot it accepts can be judged by structureProblem().
// The partial reading of a sign-in (parseFor) takes, for each name, exactly
// the slot and the superseded slot the whole reading takes, and refuses only
// with the whole reading's error.
#include "KeyFile.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using onramp::KeyFile;
using onramp::KeySlot;

namespace {

const QString kPath = QStringLiteral("fuzz/keys.json");

void require(bool condition, const char* what, const QByteArray& detail = {})
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_keyfile: %s\n%s\n", what, detail.constData());
        std::abort();
    }
}

bool sameSlot(const KeySlot& a, const KeySlot& b)
{
    return a.name == b.name && a.role == b.role && a.signPublicKey == b.signPublicKey
        && a.kdf.opslimit == b.kdf.opslimit && a.kdf.memlimit == b.kdf.memlimit && a.salt == b.salt
        && a.wrappedSecretKey == b.wrappedSecretKey && a.sealedMasterKey == b.sealedMasterKey
        && a.sealedPendingMasterKey == b.sealedPendingMasterKey && a.sealedProductionKey == b.sealedProductionKey
        && a.sealedPendingProductionKey == b.sealedPendingProductionKey && a.productionKeyCheck == b.productionKeyCheck
        && a.pendingProductionKeyCheck == b.pendingProductionKeyCheck && a.disabled == b.disabled
        && a.signedBy == b.signedBy && a.signature == b.signature && a.signaturePromoted == b.signaturePromoted
        && a.signatureAbandoned == b.signatureAbandoned && a.damage == b.damage && a.raw == b.raw;
}

bool sameFile(const KeyFile& a, const KeyFile& b)
{
    if (a.vaultId != b.vaultId || a.extra != b.extra || a.slots.size() != b.slots.size())
        return false;
    for (qsizetype i = 0; i < a.slots.size(); ++i)
        if (!sameSlot(a.slots[i], b.slots[i]))
            return false;
    return true;
}

bool sameOrBothMissing(const KeySlot* a, const KeySlot* b)
{
    return (!a && !b) || (a && b && sameSlot(*a, *b));
}

void checkPartialReading(const QByteArray& bytes, const KeyFile* whole, const onramp::Error& wholeError)
{
    QStringList names{QStringLiteral("ada"), QStringLiteral("hal")};
    if (whole)
        for (const KeySlot& slot : whole->slots)
            if (!names.contains(slot.name))
                names.append(slot.name);
    for (const QString& name : std::as_const(names)) {
        KeyFile part;
        const onramp::Error e = KeyFile::parseFor(bytes, kPath, {name}, &part);
        if (e) {
            require(e.message == wholeError.message, "the partial reading refuses only as the whole one does",
                    e.message.toUtf8());
            continue;
        }
        if (!whole)
            continue; // damage elsewhere in the file does not stop one person
        require(part.vaultId == whole->vaultId && part.extra == whole->extra,
                "the partial reading has the whole one's vault id and fields", name.toUtf8());
        require(sameOrBothMissing(part.slot(name), whole->slot(name)), "the partial reading takes the whole one's slot",
                name.toUtf8());
        require(sameOrBothMissing(part.supersededSlot(name), whole->supersededSlot(name)),
                "the partial reading takes the whole one's superseded slot", name.toUtf8());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    KeyFile file;
    const onramp::Error wholeError = KeyFile::parse(bytes, kPath, &file);
    checkPartialReading(bytes, wholeError ? nullptr : &file, wholeError);
    if (const onramp::Error& e = wholeError) {
        require(e.kind == onramp::ErrorKind::Damaged || e.kind == onramp::ErrorKind::InvalidInput,
                "a refusal says the file is damaged or unsupported", e.message.toUtf8());
        require(e.message.contains(kPath), "a refusal names the file", e.message.toUtf8());
        QJsonParseError syntax{};
        QJsonDocument::fromJson(bytes, &syntax);
        if (syntax.error != QJsonParseError::NoError) {
            static const QRegularExpression position(QStringLiteral("line [1-9][0-9]*, column [1-9][0-9]*"));
            require(position.match(e.message).hasMatch(), "broken JSON is named with its line and column",
                    e.message.toUtf8());
        }
        return 0;
    }
    require(!file.vaultId.isEmpty() && !file.slots.isEmpty(), "an accepted file has a vault id and slots");
    for (const KeySlot& slot : std::as_const(file.slots)) {
        require(!slot.name.isEmpty(), "every accepted slot has a name");
        (void)KeyFile::structureProblem(slot);
    }

    const QByteArray written = file.toJson();
    KeyFile again;
    const onramp::Error e = KeyFile::parse(written, kPath, &again);
    require(!e, "what the writer writes, the parser reads", e.message.toUtf8() + '\n' + written);
    require(sameFile(file, again), "parse -> write -> parse gives the same key file", written);
    require(again.toJson() == written, "writing it again gives the same bytes", written);
    return 0;
}
