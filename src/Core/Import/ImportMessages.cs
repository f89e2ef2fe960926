namespace AnnuaireFiliere.Core.Import;

/// <summary>The import's messages for moderators, in French (the register and the templates are French).</summary>
internal static class ImportMessages
{
    public const string EmptyFile = "Le fichier est vide : il faut une ligne d'en-têtes puis une entreprise par ligne.";
    public const string NotText = "Le fichier n'est ni un CSV en UTF-8 ni un classeur XLSX (contenu binaire ou encodage inconnu). Enregistrez-le en « CSV UTF-8 » ou en « Classeur Excel (.xlsx) ».";
    public const string XlsxNotZip = "Le fichier porte l'extension .xlsx mais n'est pas un classeur Excel (ce n'est pas une archive ZIP).";
    public const string XlsxUnreadable = "Le classeur XLSX est illisible (archive endommagée ou feuille absente).";
    public const string WorkbookTooLarge = "Le classeur XLSX fait {0} Mo une fois décompressé : {1} Mo au plus. Découpez-le, ou enregistrez-le en « CSV UTF-8 ».";
    public const string WorkbookTooManyParts = "Le classeur XLSX contient {0} fichiers internes ({1} au plus) : ce n'est pas un classeur ordinaire.";
    public const string WorkbookSizeMismatch = "Le classeur XLSX est illisible : une partie de l'archive est plus grande que la taille qu'elle annonce.";
    public const string TooManyRows = "Le fichier compte plus de {0} lignes : découpez-le en plusieurs fichiers.";
    public const string TooManyColumns = "Le fichier compte plus de {0} colonnes (ligne {1}) : seules les colonnes du gabarit ou de l'extrait du RIDET sont attendues.";
    public const string RowTooLong = "La ligne {0} dépasse {1} caractères : le fichier est refusé (cellule démesurée, ou guillemet jamais refermé ?).";
    public const string SharedTextTooLong = "Le classeur XLSX contient un texte de plus de {0} caractères : le fichier est refusé.";
    public const string CellTooLong = "La colonne « {0} » dépasse {1} caractères ({2}) : la ligne n'est pas importée.";
    public const string UnknownHeaders = "En-têtes non reconnus : ni le gabarit de l'annuaire (colonne raison_sociale) ni l'extrait du RIDET (colonnes rid7, denomination, code_ape). Voir docs/IMPORT.md.";
    public const string MissingColumns = "Colonnes obligatoires absentes pour le format {0} : {1}.";
    public const string InvalidRidet = "RIDET invalide : « {0} ».";
    public const string MissingRidet = "RIDET manquant.";
    public const string DuplicateRow = "RIDET {0} en double dans le fichier (déjà ligne {1}).";
    public const string SharedRidet = "RIDET {0} porté par plusieurs entreprises de l'annuaire ({1}) : à régler en modération avant d'importer cette ligne.";
    public const string RidetTakenMeanwhile = "RIDET pris par une autre fiche pendant l'import : cette ligne n'est pas créée, relancez l'import.";
    public const string UnknownCommune = "Commune inconnue : « {0} ».";
    public const string MissingCommune = "Commune manquante.";
    public const string UnknownActivity = "Activité hors typologie : « {0} ».";
    public const string UnknownService = "Service absent de la liste des services : « {0} » (mettez-le dans la colonne services).";
    public const string OutsideTypology = "Code APE {0} hors typologie.";
    public const string MissingApe = "Code APE manquant.";
    public const string UnknownLegalForm = "Forme juridique inconnue : « {0} ».";
    public const string UnknownSizeBand = "Tranche d'effectif inconnue : « {0} ».";
    public const string InvalidYear = "Année de création invalide : « {0} ».";
    public const string InvalidYesNo = "Valeur oui/non invalide pour {0} : « {1} ».";
    public const string Invalid = "Fiche invalide : {0}";
    public const string KeptOwnerEdits = "Champs conservés car modifiés hors import : {0}.";
}
