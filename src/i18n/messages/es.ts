import { ErrorCode } from '../../common/error-code';
import { displayName } from '../display-names';
import { FieldName, fieldName } from '../field-names';
import { type Catalogue } from './catalogue';
import { type EntityName } from './en';

const f = (field: string): string => fieldName(field, 'es');
const F = (field: string): string => FieldName(field, 'es');
const plural = (field: string): boolean => /^(los|las) /.test(f(field));
const list = (items: readonly string[]): string => items.join(', ');
const quoted = (items: readonly string[]): string => items.map((item) => JSON.stringify(item)).join(', ');
const status = (code: string): string => displayName('weaponStatus', code, 'es');

/** The records a NOT_FOUND names, with the article their gender takes. */
const entities: Record<EntityName, string> = {
  alert: 'La alerta',
  checkpoint: 'El punto de control firmado',
  correction: 'La corrección',
  destructionBatch: 'El lote de destrucción',
  holdingCertificate: 'El certificado de tenencia',
  import: 'La importación',
  internationalTrace: 'El rastreo internacional',
  licence: 'La licencia',
  notificationRun: 'La ejecución de recordatorios',
  owner: 'El propietario',
  prohibition: 'La prohibición',
  reconciliationRun: 'La conciliación',
  recovery: 'La recuperación',
  report: 'El informe',
  traceRequest: 'La solicitud de rastreo',
  transfer: 'El traspaso',
  treeHead: 'La cabeza firmada del árbol',
  user: 'El usuario',
  weapon: 'El arma',
  witness: 'El testigo',
};

const reportStatus: Record<string, string> = {
  queued: 'en cola',
  processing: 'en proceso',
  completed: 'terminado',
  failed: 'fallido',
};

const correctionStatus: Record<string, string> = {
  pending: 'pendiente',
  approved: 'aprobada',
  rejected: 'rechazada',
};

/** Spanish (Panama): the language of the registry's users, and the default. */
export const es: Catalogue = {
  titles: {
    [ErrorCode.ValidationFailed]: 'La solicitud no es válida',
    [ErrorCode.MalformedJson]: 'El cuerpo de la solicitud no es JSON válido',
    [ErrorCode.PayloadTooLarge]: 'El cuerpo de la solicitud es demasiado grande',
    [ErrorCode.UnsupportedMediaType]: 'El tipo de contenido no es compatible',
    [ErrorCode.NotFound]: 'No encontrado',
    [ErrorCode.MethodNotAllowed]: 'Método no permitido',
    [ErrorCode.Unauthenticated]: 'Se requiere autenticación',
    [ErrorCode.Forbidden]: 'No tiene permiso para esta operación',
    [ErrorCode.InvalidCredentials]: 'Usuario o contraseña incorrectos',
    [ErrorCode.TooManyAttempts]: 'Demasiados intentos fallidos',
    [ErrorCode.RefreshTokenReused]: 'El token de renovación ya fue usado',
    [ErrorCode.WeakPassword]: 'La contraseña es demasiado débil',
    [ErrorCode.UsernameTaken]: 'El nombre de usuario ya está en uso',
    [ErrorCode.StaleVersion]: 'Otra persona modificó el registro',
    [ErrorCode.OutOfJurisdiction]: 'Fuera de su jurisdicción',
    [ErrorCode.SelfApproval]: 'No puede aprobar su propia corrección',
    [ErrorCode.OwnerUnderAge]: 'El propietario es menor de 18 años',
    [ErrorCode.DuplicateOwner]: 'Ya existe un propietario con este documento',
    [ErrorCode.DuplicateMarking]: 'Ya hay un arma registrada con este marcaje',
    [ErrorCode.MarkingReportedStolen]: 'Este marcaje pertenece a un arma denunciada como extraviada o robada',
    [ErrorCode.OwnerInactive]: 'El propietario no está activo',
    [ErrorCode.HolderNotLicensed]: 'El tenedor no tiene una licencia vigente para esta arma',
    [ErrorCode.InvalidStatusTransition]: 'Ese evento no es posible en el estado actual del arma',
    [ErrorCode.CorrectionNotPending]: 'La corrección ya no está pendiente',
    [ErrorCode.LicenceAlreadyRevoked]: 'La licencia ya está revocada',
    [ErrorCode.DuplicateLicence]: 'Ya existe una licencia de este tipo con este número',
    [ErrorCode.IdempotencyKeyReused]: 'La clave de idempotencia se usó con otra solicitud',
    [ErrorCode.IdempotencyInProgress]: 'Una solicitud con esta clave de idempotencia aún está en curso',
    [ErrorCode.HolderMismatch]: 'Quien transfiere no es el tenedor del arma',
    [ErrorCode.WeaponNotTransferable]: 'El arma no puede traspasarse en su estado actual',
    [ErrorCode.RecipientNotLicensed]: 'Quien recibe no tiene una licencia vigente para esta arma',
    [ErrorCode.SameOwner]: 'Quien transfiere y quien recibe son el mismo propietario',
    [ErrorCode.AuditChainInvalid]: 'La cadena de auditoría no se verifica',
    [ErrorCode.ReportNotReady]: 'El informe no está listo',
    [ErrorCode.DuplicateImport]: 'Este archivo ya fue importado',
    [ErrorCode.NotDestructible]: 'Algunas armas no pueden destruirse',
    [ErrorCode.ServiceUnavailable]: 'Servicio no disponible',
    [ErrorCode.InternalError]: 'Error interno',
    [ErrorCode.PurposeRequired]: 'Debe indicar el propósito de esta consulta de datos personales',
    [ErrorCode.InvalidSignature]: 'La firma no se verifica',
    [ErrorCode.AlreadyCosigned]: 'Este testigo ya cofirmó este punto de control',
    [ErrorCode.TraceNotOpen]: 'El rastreo internacional ya no está abierto',
    [ErrorCode.WrongTraceDirection]: 'No es posible en un rastreo de este sentido',
    [ErrorCode.PackageNotReady]: 'El paquete de rastreo no está listo',
    [ErrorCode.LicenceAlreadySuspended]: 'La licencia ya está suspendida',
    [ErrorCode.LicenceNotSuspended]: 'La licencia no está suspendida',
    [ErrorCode.EvidenceMissing]: 'Faltan los documentos que exige esta licencia',
    [ErrorCode.ProhibitionAlreadyLifted]: 'La prohibición ya fue levantada',
    [ErrorCode.CertificateNotRenewable]: 'El certificado de tenencia no puede renovarse',
  },
  messages: {
    'problem.invalid': () => 'Uno o más campos no son válidos.',
    'problem.unprocessable': () => 'No se pudo procesar la solicitud.',
    'problem.noSuchResource': () => 'El recurso no existe.',
    'problem.methodNotAllowed': () => 'Este método no está permitido aquí.',
    'problem.internal': () => 'Ocurrió un error inesperado; cite el identificador de la solicitud al informarlo.',
    'problem.bodyTooLarge': (maxBytes) => `El cuerpo de la solicitud supera los ${maxBytes} bytes.`,
    'problem.sendJson': () => 'Envíe el cuerpo como application/json.',
    'problem.malformedJson': () => 'No se pudo leer el cuerpo de la solicitud como JSON.',
    'problem.badUrl': () => 'La URL no es válida.',
    'problem.badContentLength': () => 'La cabecera Content-Length no coincide con el cuerpo.',
    'problem.dependencyUnavailable': () =>
      'No se puede acceder a la base de datos o a la cola en este momento; inténtelo de nuevo en breve.',
    'problem.unavailable': () => 'Un componente del que depende el servicio no está disponible.',
    'problem.closing': () => 'El servicio se está apagando; inténtelo de nuevo en breve.',
    'problem.notReady': (down) => `No está listo: ${list(down)} no disponible.`,
    'problem.noSigningKey': () =>
      'Esta instancia no tiene la clave de firma de los puntos de control; los firman periódicamente los procesos de la cola.',
    'problem.purposeRequired': (min, max) =>
      `La policía debe indicar el propósito de toda consulta de datos personales en X-Access-Purpose (de ${min} a ${max} caracteres, por ejemplo un número de caso).`,
    'problem.notFound': (what, id) => `${entities[what]} ${id} no existe.`,
    'problem.staleVersion': (current) => `El registro está en la versión ${current}; vuelva a cargarlo e inténtelo de nuevo.`,

    'auth.invalidCredentials': () => 'El usuario o la contraseña no son correctos.',
    'auth.tokenRequired': () => 'Se requiere un token de acceso (Bearer) válido.',
    'auth.tokenInvalid': () => 'El token de acceso no es válido.',
    'auth.refreshTokenReused': () => 'Este token de renovación ya fue usado; se revocaron todos los tokens de esa sesión.',
    'auth.forbidden': () => 'No tiene permiso para esta operación.',
    'auth.tooManyAttempts': (seconds) => `Demasiados inicios de sesión fallidos; inténtelo de nuevo en ${seconds} s.`,
    'auth.outOfJurisdiction': (district) => `El distrito ${district} está fuera de su jurisdicción.`,
    'auth.refreshTokenInvalid': () => 'El token de renovación no es válido.',
    'auth.notAWitness': () => 'No hay ningún testigo registrado para este usuario.',
    'auth.subjectAccessReaders': () =>
      'Solo el ministerio (oficiales, supervisores y administradores) puede solicitar un informe de acceso del titular.',
    'auth.recoveryKindDenied': (kind) =>
      `Sus roles no permiten registrar una recuperación de tipo ${displayName('recoveryKind', kind, 'es')}.`,
    'auth.eventKindDenied': (event) => `Sus roles no permiten registrar un evento de ${displayName('weaponEvent', event, 'es')}.`,
    'auth.selfApproval': () => 'Una corrección debe aprobarla una persona distinta de quien la propuso.',
    'user.usernameTaken': (username) => `El nombre de usuario ${username} ya está en uso.`,
    'user.passwordTooShort': (min) => `La contraseña debe tener al menos ${min} caracteres.`,
    'user.passwordCommon': () => 'La contraseña es una de las más usadas.',
    'user.passwordRepetitive': () => 'La contraseña tiene muy pocos caracteres distintos.',
    'user.passwordContainsUsername': () => 'La contraseña no debe contener el nombre de usuario.',

    'owner.duplicate': (existingId) => `El propietario ${existingId} ya tiene este documento.`,
    'owner.underAge': (birthDate, day, age) => `Nacido el ${birthDate}, el propietario no tiene ${age} años el ${day}.`,
    'owner.inactive': (ownerId, ownerStatus) => `El propietario ${ownerId} está ${displayName('ownerStatus', ownerStatus, 'es')}.`,
    'owner.inactiveForLicence': (ownerId, ownerStatus) =>
      `El propietario ${ownerId} está ${displayName('ownerStatus', ownerStatus, 'es')}; solo un propietario activo puede recibir una licencia.`,
    'owner.deceasedIsFinal': () => 'El fallecimiento de un propietario es definitivo: su estado ya no puede cambiar.',
    'owner.alreadyInStatus': (ownerStatus) => `El propietario ya está ${displayName('ownerStatus', ownerStatus, 'es')}.`,
    'licence.duplicate': (kind, number) => `Ya existe una licencia de ${displayName('licenceKind', kind, 'es')} con el número ${number}.`,
    'licence.alreadyRevoked': (licenceId) => `La licencia ${licenceId} ya está revocada.`,
    'correction.notPending': (correction) => `La corrección ya está ${correctionStatus[correction] ?? correction}.`,

    'weapon.duplicateMarking': (existingId) => `Ya hay un arma registrada con esta marca y número de serie: ${existingId}`,
    'weapon.duplicateMarkingInFile': (row) => `Ya hay un arma con esta marca y número de serie en este archivo, en la fila ${row}.`,
    'weapon.markingWithoutMake': () =>
      'Un arma de esta recuperación lleva un marcaje ya registrado sin marca; indique la marca.',
    'weapon.markingReportedStolen': (existingId, weaponStatus) =>
      `Este marcaje pertenece al arma ${existingId}, denunciada como ${status(weaponStatus)}.`,
    'weapon.holderNotLicensed': (type, day) =>
      `El tenedor no tiene una licencia vigente el ${day} que cubra el tipo ${displayName('weaponType', type, 'es')}.`,
    'weapon.invalidTransition': (event, weaponStatus) =>
      `No se puede registrar un evento de ${displayName('weaponEvent', event, 'es')} mientras el arma está ${status(weaponStatus)}.`,
    'weapon.cannotBeRecovered': (index, weaponId, weaponStatus) =>
      `El arma ${index} coincide con el arma ${weaponId}, que está ${status(weaponStatus)}: no puede recuperarse de nuevo.`,
    'weapon.notDestructible': (count, weaponIds) =>
      `No se destruyó ninguna arma: ${count === 1 ? '1 no puede destruirse' : `${count} no pueden destruirse`} (${list(weaponIds)}).`,

    'transfer.holderMismatch': (weaponId) => `fromOwnerId no es el tenedor actual del arma ${weaponId}.`,
    'transfer.notTransferable': (weaponStatus) => `Un arma ${status(weaponStatus)} no puede traspasarse.`,
    'transfer.recipientNotLicensed': (type, day) =>
      `Quien recibe no tiene una licencia vigente el ${day} que cubra el tipo ${displayName('weaponType', type, 'es')}.`,
    'transfer.sameOwner': () => 'Quien transfiere y quien recibe son el mismo propietario.',

    'idempotency.keyReused': () => 'Esta Idempotency-Key se usó con otro cuerpo de solicitud.',
    'idempotency.inProgress': () => 'Una solicitud con esta Idempotency-Key aún está en curso.',
    'import.sendCsv': () => 'Envíe el archivo como text/csv (UTF-8, una fila de encabezado, un arma por fila).',
    'import.tooLarge': (maxBytes) => `El archivo supera los ${maxBytes} bytes (IMPORT_MAX_BYTES).`,
    'import.failedBefore': (sha256, importId) =>
      `Este archivo (SHA-256 ${sha256}) es la importación ${importId}, que falló; quien lo envió, o un administrador, puede enviarlo de nuevo para reanudarla.`,
    'import.alreadyImported': (sha256, importId) => `Este archivo (SHA-256 ${sha256}) ya fue importado: importación ${importId}.`,
    'import.fileEmpty': () => 'El archivo está vacío.',
    'import.fileNotUtf8': () => 'El archivo debe ser texto UTF-8.',
    'import.fileNotCsv': () => 'El archivo no es un CSV legible.',
    'import.badHeader': () => 'La fila de encabezado no nombra las columnas de una importación.',
    'import.noDataRows': () => 'El archivo no tiene filas de datos.',
    'import.noOwner': () => 'No hay ningún propietario registrado con este holderDocumentKind y holderDocumentNumber.',
    'import.outOfJurisdiction': (district) => `El distrito ${district} está fuera de la jurisdicción de quien importa.`,
    'report.failed': (reportId, reason) => `El informe ${reportId} falló y no tiene archivo: ${reason ?? 'no se registró el motivo'}`,
    'report.notReady': (reportId, reportState) =>
      `El informe ${reportId} está ${reportStatus[reportState] ?? reportState}; su archivo existirá cuando GET /reports/${reportId} indique completed.`,
    'audit.chainBroken': (seq, problem) =>
      `La cadena de auditoría no se verifica en seq ${seq}: ${problem ?? 'su cabeza cambió de forma inesperada'}. No se firmó ningún punto de control.`,
    'witness.invalidSignature': (witness, treeSize) =>
      `La firma no es una firma Ed25519 de ${witness} sobre el texto del punto de control ${treeSize}.`,
    'witness.alreadyCosigned': (witness, treeSize) => `${witness} ya cofirmó el punto de control ${treeSize}.`,

    // Licencias, documentos y prohibiciones judiciales
    'licence.alreadySuspended': (licenceId) => `La licencia ${licenceId} ya está suspendida; rehabilítela antes de suspenderla de nuevo.`,
    'licence.notSuspended': (licenceId, status) => `La licencia ${licenceId} está ${displayName('licenceStatus', status, 'es')}, no suspendida.`,
    'licence.evidenceMissing': (missing, day) =>
      `No hay documento vigente el ${day} de: ${list(missing.map((kind) => displayName('evidenceKind', kind, 'es')))}.`,
    'licence.renewalMustExtend': (field, current) => `${F(field)} debe ser posterior al último día actual de la licencia (${current}).`,
    'certificate.notRenewableStatus': (number, status) =>
      `El certificado de tenencia ${number} no puede renovarse: está ${displayName('certificateStatus', status, 'es')}.`,
    'certificate.notRenewableWeapon': (number, weaponStatus) =>
      `El certificado de tenencia ${number} no puede renovarse: el arma está ${displayName('weaponStatus', weaponStatus, 'es')} y ya no se certifica a este titular.`,
    'prohibition.alreadyLifted': (id) => `La prohibición ${id} ya fue levantada.`,

    // Rastreo internacional
    'iti.nationalScopeOnly': () =>
      'Los rastreos internacionales y la exportación a INTERPOL corresponden a la policía de alcance nacional, a supervisores y a administradores.',
    'iti.outgoingOnly': (field) => `${F(field)} solo corresponde a un rastreo saliente.`,
    'iti.incomingOnly': (field) => `${F(field)} solo corresponde a un rastreo entrante; uno saliente se envía ahora.`,
    'iti.outgoingNeedsWeapon': (field) => `Un rastreo saliente necesita ${f(field)}: el arma del registro sobre la que pregunta.`,
    'iti.replyBeforeSent': (field) => `${F(field)} no puede ser anterior al envío del rastreo.`,
    'iti.notOpen': (id, status) => `El rastreo internacional ${id} está ${status === 'answered' ? 'respondido' : status}; ya fue contestado.`,
    'iti.answerWithReply': (id) => `El rastreo internacional ${id} es saliente: registre la respuesta extranjera con POST …/reply.`,
    'iti.answerWithRespond': (id) => `El rastreo internacional ${id} es entrante: contéstelo con POST …/respond.`,
    'iti.packageFailed': (id, reason) => `No se pudo preparar el paquete del rastreo internacional ${id}: ${reason ?? 'sin motivo registrado'}`,
    'iti.packageNotReady': (id, status) =>
      `El paquete del rastreo internacional ${id} está ${reportStatus[status] ?? status}; consulte GET /international-traces/${id}/package.`,

    'field.notCertificateNumber': (field) => `${F(field)} debe ser un número de certificado como CT-2026-0000123.`,
    'field.noSuchCertificate': (_field, id) => `Ningún certificado de tenencia tiene el identificador ${id}.`,
    'field.noSuchRecord': (field) => `${F(field)} no corresponde a ningún registro.`,
    'field.beforeToday': (field, today) => `${F(field)} no puede ser anterior a hoy (${today}).`,
    'field.missing': (field) => `${plural(field) ? 'Faltan' : 'Falta'} ${f(field)}.`,
    'field.unknown': (field) => `El campo ${field} no está permitido aquí.`,
    'field.notText': (field) => `${F(field)} debe ser un texto.`,
    'field.notInteger': (field) => `${F(field)} debe ser un número entero.`,
    'field.notNumber': (field) => `${F(field)} debe ser un número.`,
    'field.notBoolean': (field) => `${F(field)} debe ser true o false.`,
    'field.notList': (field) => `${F(field)} debe ser una lista.`,
    'field.notObject': (field) => `${F(field)} debe ser un objeto.`,
    'field.empty': (field) => `${F(field)} no puede quedar en blanco.`,
    'field.tooLong': (field, max) => `${F(field)} no puede tener más de ${max} caracteres.`,
    'field.tooShort': (field, min) => `${F(field)} debe tener al menos ${min} caracteres.`,
    'field.notOneOf': (field, allowed) => `${F(field)} debe ser uno de estos valores: ${list(allowed)}.`,
    'field.notUuid': (field) => `${F(field)} debe ser un UUID.`,
    'field.belowMinimum': (field, min) => `${F(field)} debe ser como mínimo ${min}.`,
    'field.aboveMaximum': (field, max) => `${F(field)} debe ser como máximo ${max}.`,
    'field.outOfRange': (field) => `${F(field)} está fuera del rango permitido.`,
    'field.badFormat': (field) => `${F(field)} no tiene el formato esperado.`,
    'field.notCalendarDay': (field) =>
      `${F(field)} debe ser una fecha AAAA-MM-DD que exista, entre 1800-01-01 y 2100-12-31.`,
    'field.notInstant': (field) =>
      `${F(field)} debe ser una fecha y hora ISO 8601 de un día que exista, entre 1800-01-01 y 2100-12-31.`,
    'field.notDistrictCode': (field) => `${F(field)} debe ser un código de distrito, por ejemplo 8-05.`,
    'field.notCountryCode': (field) => `${F(field)} debe ser un código de país ISO 3166-1 alfa-2 en mayúsculas, por ejemplo PA.`,
    'field.notPhone': (field) => `${F(field)} debe ser un número de teléfono de dígitos, espacios, guiones o paréntesis.`,
    'field.notEmail': (field) => `${F(field)} debe ser una dirección de correo electrónico.`,
    'field.notUsername': (field) => `${F(field)} debe tener de 3 a 64 letras, dígitos, puntos, guiones o guiones bajos.`,
    'field.notEntityType': (field, allowed) => `${F(field)} debe ser uno de los tipos de registro auditados: ${list(allowed)}.`,
    'field.notActionName': (field) => `${F(field)} debe ser un nombre de acción, por ejemplo owner.updated.`,
    'field.notLicenceNumber': (field) => `${F(field)} debe tener de 1 a 64 letras, dígitos, espacios, puntos, barras o guiones.`,
    'field.notWitnessName': (field) => `${F(field)} debe tener de 1 a 128 caracteres ASCII imprimibles, sin espacios ni signos más.`,
    'field.notPositiveInteger': (field) => `${F(field)} debe ser un número entero positivo.`,
    'field.tooFewItems': (field, min) => `${F(field)} debe contener al menos ${min} ${min === 1 ? 'elemento' : 'elementos'}.`,
    'field.tooManyItems': (field, max) => `${F(field)} puede contener como máximo ${max} ${max === 1 ? 'elemento' : 'elementos'}.`,
    'field.repeatedItems': (field) => `${F(field)} no puede repetir un elemento.`,
    'field.invalid': (field) => `${F(field)} tiene un valor no válido.`,
    'field.controlCharacters': (field) => `${F(field)} no puede contener caracteres de control.`,
    'field.unpairedSurrogates': (field) => `${F(field)} no puede contener sustitutos UTF-16 sin pareja.`,
    'field.keyControlCharacters': (field) => `Un nombre de campo en ${f(field)} contiene caracteres de control.`,
    'field.keyUnpairedSurrogates': (field) => `Un nombre de campo en ${f(field)} contiene sustitutos UTF-16 sin pareja.`,
    'field.nestsTooDeep': (field, max) => `${F(field)} tiene más de ${max} niveles de anidamiento.`,
    'field.badPath': () => 'La ruta debe ser UTF-8 válido codificado con porcentajes, con parámetros de 100 caracteres como máximo.',
    'field.badCursor': () => 'El cursor no fue emitido por este servicio.',
    'field.inFuture': (field) => `${F(field)} no puede estar en el futuro.`,
    'field.notInPast': (field) => `${F(field)} debe ser una fecha AAAA-MM-DD que no esté en el futuro.`,
    'field.implausibleBirthDate': (field) => `${F(field)} debe estar entre 1900-01-01 y hoy.`,
    'field.before': (field, other) => `${F(field)} no puede ser anterior a ${f(other)}.`,
    'field.after': (field, other) => `${F(field)} no puede ser posterior a ${f(other)}.`,
    'field.exceedsTreeSize': (field, size) => `${F(field)} no puede superar el tamaño del árbol (${size}).`,
    'field.exceedsField': (field, other, value) => `${F(field)} debe ser como máximo ${f(other)} (${value}).`,
    'field.unknownDistrict': (_field, code) => `El distrito ${code} no existe (vea GET /reference/districts).`,
    'field.unknownDistricts': (_field, codes) => `Estos códigos de distrito no existen: ${list(codes)}.`,
    'field.unknownWeaponType': (_field, value) => `El tipo de arma ${JSON.stringify(value)} no existe (vea GET /reference/weapon-types).`,
    'field.serialEmpty': (field) => `${F(field)} no tiene letras ni dígitos.`,
    'field.serialCharacters': (field, characters) =>
      `${F(field)} solo puede tener letras y dígitos (con espacios, guiones, puntos y barras), no ${quoted(characters)}.`,
    'field.serialTooShort': (field, min) =>
      `${F(field)} necesita al menos ${min} letras o dígitos una vez quitados los espacios, guiones, puntos y barras.`,
    'field.serialRequired': (field) => `Falta ${f(field)}; solo puede faltar si serialStatus es obliterated o unmarked.`,
    'field.importMarkingRequired': () => 'Una importación necesita importMarking con país y año, o importMarking.exemptionRef.',
    'field.documentKindNotFor': (_field, ownerType, allowed) =>
      `Una ${displayName('ownerType', ownerType, 'es')} se identifica con ${allowed.map((kind) => displayName('idDocumentKind', kind, 'es')).join(' o ')}.`,
    'field.notCedula': (field) =>
      `${F(field)} debe ser una cédula panameña: una provincia del 1 al 13 (opcionalmente con AV o PI), o PE, E, N o SB, y luego los números de tomo y asiento, por ejemplo 8-123-4567, 8AV-123-456, PE-12-345, E-8-12345, N-19-1234.`,
    'field.notRuc': (field) =>
      `${F(field)} debe ser un RUC como 155612345-2-2015 u 8-123-4567, seguido opcionalmente de DV y sus dígitos verificadores.`,
    'field.notPassport': (field) => `${F(field)} debe ser un número de pasaporte de 5 a 20 letras o dígitos.`,
    'field.birthDateOnlyForPerson': (field) => `${F(field)} solo se aplica a una persona natural.`,
    'field.birthDateRequired': (field) => `Falta ${f(field)}, obligatoria para una persona natural.`,
    'field.underAge': (_field, age) => `El propietario debe tener al menos ${age} años.`,
    'field.entityIdNeedsType': (field) => `${F(field)} requiere entityType.`,
    'field.notEd25519Key': (field) => `${F(field)} debe ser una clave Ed25519: SPKI PEM o base64 de 32 bytes.`,
    'field.notWitnessUser': () => 'El usuario debe tener el rol witness.',
    'field.witnessTaken': (field) => `${F(field)} ya corresponde a otro testigo registrado.`,
    'field.noIdentifyingChange': (field, fields) => `${F(field)} deben incluir al menos uno de estos campos: ${list(fields)}.`,
    'field.exportNeedsCountry': () => 'Una exportación necesita destinationCountry.',
    'field.exportHasNoRecipient': () => 'Una exportación no tiene destinatario en Panamá: omita toOwnerId.',
    'field.transferNeedsRecipient': (_field, kind) => `Un traspaso de tipo ${kind} necesita toOwnerId.`,
    'field.countryOnlyForExport': () => 'destinationCountry solo se usa en una exportación.',
    'field.anonymousOnlyAmnesty': () => 'anonymous solo se permite en una entrega por amnistía.',
    'field.anonymousNamesNoOne': () => 'Una entrega anónima no nombra a nadie: omita surrenderedBy.',
    'field.markedNeedsSerial': () => 'Un arma con marcaje necesita su número de serie.',
    'field.sameMarkingAs': (_field, other) => `Tiene el mismo marcaje que ${other}.`,
    'field.weaponOrRegistryNumber': () => 'Indique exactamente uno de weaponId y registryNumber.',
    'field.noSuchWeapon': (_field, value) => `Ninguna arma está registrada como ${value}.`,
    'field.badIdempotencyKey': () => 'Idempotency-Key debe tener de 1 a 255 caracteres ASCII visibles.',
    'field.badPurpose': (_field, min, max) => `X-Access-Purpose debe tener de ${min} a ${max} caracteres de texto.`,
    'field.subjectAccessFormat': () => 'subject_access se genera en pdf o json.',
    'field.fileEmpty': () => 'El archivo está vacío.',
    'field.fileNotUtf8': () => 'El archivo no es UTF-8 válido.',
    'field.fileNotCsv': (_field, reason) => `El archivo no es un CSV legible: ${reason}`,
    'field.fileNoHeader': () => 'El archivo no tiene fila de encabezado.',
    'field.fileNoDataRows': () => 'El archivo tiene fila de encabezado pero ninguna fila de datos.',
    'field.columnWithoutName': (_field, column) => `La columna ${column} no tiene nombre en la fila de encabezado.`,
    'field.unknownColumn': (field) => `La columna ${JSON.stringify(field)} no existe.`,
    'field.repeatedColumn': (field) => `La columna ${JSON.stringify(field)} aparece dos veces.`,
    'field.missingColumn': (field) => `Falta la columna obligatoria ${JSON.stringify(field)}.`,
    'field.rowWidth': (_field, cells, width) => `La fila tiene ${cells} celdas y el encabezado ${width}.`,
  },
};
