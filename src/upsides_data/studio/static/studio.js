// Drag and drop onto the upload box: the dropped files go into the file input, and the form is
// sent as if chosen with the file dialog. Without JavaScript the form works the same way.
(function () {
  var zone = document.getElementById("drop-zone");
  var input = document.getElementById("files");
  var form = document.getElementById("upload-form");
  if (!zone || !input || !form) { return; }
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("over");
    });
  });
  zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("over");
    input.files = event.dataTransfer.files;
    form.submit();
  });
})();
