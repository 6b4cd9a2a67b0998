// Media in the thread (photos, voice notes, video, documents), attachments and templates.
export const en = {
  "inbox.invalid.mediaId": "Must be a file id.",
  "media.downloading": "Getting the file from WhatsApp…",
  "media.retrying": "WhatsApp did not hand over the file yet; trying again.",
  "media.failed": "This file could not be downloaded from WhatsApp.",
  "media.failedReason": "WhatsApp said: {reason}",
  "media.openImage": "Open the image",
  "media.viewer": "Image",
  "media.close": "Close",
  "media.download": "Download",
  "media.speed": "Playback speed",
  "media.play": "Play",
  "media.pause": "Pause",
} as const;

export const ptBR: Record<keyof typeof en, string> = {
  "inbox.invalid.mediaId": "Deve ser o id de um arquivo.",
  "media.downloading": "Baixando o arquivo do WhatsApp…",
  "media.retrying": "O WhatsApp ainda não entregou o arquivo; tentando de novo.",
  "media.failed": "Não foi possível baixar este arquivo do WhatsApp.",
  "media.failedReason": "O WhatsApp disse: {reason}",
  "media.openImage": "Abrir a imagem",
  "media.viewer": "Imagem",
  "media.close": "Fechar",
  "media.download": "Baixar",
  "media.speed": "Velocidade de reprodução",
  "media.play": "Reproduzir",
  "media.pause": "Pausar",
};
